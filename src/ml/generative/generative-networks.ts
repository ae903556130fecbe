/**
 * A generative run's trained networks as TF.js layers artifacts (model.json topology and one
 * weights buffer each, trained-model.ts), so the run hands them back when it ends and the
 * registry keeps them like any other run's weights. Read from the live models before the
 * trainer disposes them; nothing here keeps a tensor.
 */
import type { GenerativeNetworks } from '../../contracts/generative';
import { saveTrainedModel } from '../export/trained-model';
import type { AutoencoderModel } from '../network/autoencoder';
import type { GanModel } from '../network/gan';

/** The encoder (a VAE's: latent means, then log-variances) and the decoder. */
export async function autoencoderNetworks(model: AutoencoderModel): Promise<GenerativeNetworks> {
  return {
    encoder: await saveTrainedModel(model.encoder),
    decoder: await saveTrainedModel(model.decoder),
  };
}

export async function ganNetworks(model: GanModel): Promise<GenerativeNetworks> {
  return {
    generator: await saveTrainedModel(model.generator),
    discriminator: await saveTrainedModel(model.discriminator),
  };
}
