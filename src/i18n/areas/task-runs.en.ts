/**
 * English strings of sequence and generative runs in the registry and on the Data screen:
 * their headline figures, model and weights text, side-by-side figures, and the dataset cards
 * that open a time series or corpus as a sequence task.
 */
export const taskRunsEn = {
  compare: {
    runs: {
      headline: {
        mae: 'MAE {{value}}',
        perplexity: 'perplexity {{value}}',
        reconstruction: 'reconstruction error {{value}}',
        meanGap: 'mean gap {{value}}',
        generator: 'generator loss {{value}}',
      },
    },
  },
  taskRuns: {
    model: {
      forecast: 'LSTM forecaster, lookback {{lookback}}, horizon {{horizon}}, {{epochs}} epochs',
      text: '{{model}}, context {{context}}, {{epochs}} epochs',
      generative: '{{task}}, hidden {{hidden}}, latent {{latent}}, {{epochs}} epochs',
    },
    weights: {
      tooLarge: 'not kept: larger than {{limit}}',
      notSaved: 'not kept: this run was recorded without its weights',
    },
    target: {
      text: 'next character',
      generative: 'no target (generative)',
    },
    samples: 'Text the run ended with',
    metrics: {
      caption: 'Test figures side by side',
      metric: 'Figure',
      none: '—',
      mae: 'MAE',
      rmse: 'RMSE',
      mape: 'MAPE (%)',
      naiveMae: 'Naive forecast MAE',
      testLoss: 'Cross-entropy (nats per character)',
      perplexity: 'Perplexity',
      uniformLoss: 'Uniform guessing (nats per character)',
      reconstruction: 'Reconstruction error (MSE)',
      baselineReconstruction: 'Mean-image baseline (MSE)',
      kl: 'KL term',
      generator: 'Generator loss',
      discriminator: 'Discriminator loss',
      meanGap: 'Gap between sample and target means',
    },
  },
  dataSequence: {
    note: {
      forecast: 'Trainable as a sequence task: an LSTM forecaster predicts the next values.',
      text: 'Trainable as a sequence task: a character model learns to write like this text.',
    },
    open: {
      forecast: 'Train a forecaster on {{title}}',
      text: 'Train a character model on {{title}}',
    },
  },
} as const;
