/**
 * Store writer: a worker the data worker starts for itself. It takes each imported chunk's
 * buffers by transfer, profiles them and writes them to IndexedDB over its own connection, so
 * the structured clone of every `put` and the profile's passes run beside the parser instead of
 * on its thread. The import protocol (pending meta, commit, discard) stays with the data worker.
 */
import { expose } from 'comlink';
import { createStoreWriter, type StoreWriterApi } from '../src/ingest/chunk-sink';
import { openDataDb, type DataDb } from '../src/storage/db';
import { createDatasetStore } from '../src/storage/dataset-store';

// No sweep of pending imports here: the data worker's own opening does that, and the one
// pending dataset this worker sees is the import it is writing.
const db: Promise<DataDb> = openDataDb({ staleAfterMs: Infinity });

expose(createStoreWriter(createDatasetStore(db)) satisfies StoreWriterApi);
