/**
 * Saved projects keep the sequence and generative settings (which live in their own runs): the
 * list's view of the project adds them to its snapshot only when they are not the defaults, the
 * stored snapshot parses back with them, and restoring it puts them back into the runs; a
 * stored part that no longer checks out is left out, the rest of the project still restored.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetCatalog } from '../../../../src/state/DatasetCatalog.svelte';
import { GenerativeRun } from '../../../../src/state/GenerativeRun.svelte';
import { Project } from '../../../../src/state/Project.svelte';
import { parseSnapshot, serializeSnapshot } from '../../../../src/state/project-snapshot';
import { SequenceRun } from '../../../../src/state/SequenceRun.svelte';
import { withTaskSettings } from '../../../../src/state/share/project-tasks';
import type { TaskRuns } from '../../../../src/state/share/task-settings';

const MANIFEST = readFileSync(resolve(process.cwd(), 'public/datasets/manifest.json'), 'utf8');
const idle = () => new Promise<never>(() => {});
const listener = { onFailure: () => {}, onUnexpected: () => {} };

async function setup(loadCatalog = true) {
  const project = new Project('cpu', () => ({ previewRecipe: idle }));
  const catalog = new DatasetCatalog('http://localhost/', async () => new Response(MANIFEST));
  if (loadCatalog) await catalog.load();
  const runs: TaskRuns = {
    sequence: new SequenceRun({ train: idle, stop: async () => {} }, listener),
    generative: new GenerativeRun({ train: idle, stop: async () => {} }, listener),
  };
  const editable = withTaskSettings(
    project,
    () => runs,
    (id) => catalog.byId(id),
  );
  return { project, catalog, runs, editable };
}

describe('saved projects with sequence and generative settings', () => {
  it('add nothing to the snapshot while the settings are the defaults', async () => {
    const { project, editable, runs, catalog } = await setup();
    runs.sequence.selectDataset(catalog.byId('air_passengers')!, 'forecast');
    expect(editable.snapshot()).toEqual(project.snapshot());
    expect(editable.datasetId).toBe(project.datasetId);
  });

  it('keep changed settings through storage and back into fresh runs', async () => {
    const sender = await setup();
    sender.runs.sequence.selectDataset(sender.catalog.byId('english_words')!, 'text');
    sender.runs.sequence.updateText({ context: 24, prompt: 'qu' });
    sender.runs.generative.selectTask('ganPoints', false);
    const stored = JSON.parse(serializeSnapshot(sender.editable.snapshot())) as unknown;
    const parsed = parseSnapshot(stored);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.snapshot.sequence).toMatchObject({ kind: 'text', datasetId: 'english_words' });
    expect(parsed.snapshot.generative).toMatchObject({ task: 'ganPoints' });

    const other = await setup();
    other.editable.restore(parsed.snapshot);
    expect(other.runs.sequence.datasetId).toBe('english_words');
    expect(other.runs.sequence.text).toEqual(sender.runs.sequence.text);
    expect(other.runs.generative.settings).toEqual(sender.runs.generative.settings);
    expect(other.editable.snapshot()).toEqual(parsed.snapshot);
  });

  it('leave out a stored part that no longer checks out', async () => {
    const sender = await setup();
    sender.runs.sequence.selectDataset(sender.catalog.byId('fortunes')!, 'text');
    sender.runs.sequence.updateText({ temperature: 1.3 });
    sender.project.updateModel({ epochs: 77 });
    const snapshot = sender.editable.snapshot();
    const tampered = structuredClone(snapshot);
    (tampered.sequence!.text as { model: string }).model = 'gpt';
    const other = await setup();
    other.editable.restore(tampered);
    expect(other.project.model.epochs).toBe(77);
    expect(other.runs.sequence.datasetId).toBe('');
  });

  it('wait for the catalogue before applying a series it has not listed yet', async () => {
    const sender = await setup();
    sender.runs.sequence.selectDataset(sender.catalog.byId('seattle_weather')!, 'forecast');
    sender.runs.sequence.updateForecast({ lookback: 30 });
    const saved = sender.editable.snapshot();

    const other = await setup(false);
    other.editable.restore(saved);
    expect(other.runs.sequence.datasetId).toBe('');
    // Saved again before the catalogue arrives: nothing is lost.
    expect(other.editable.snapshot().sequence).toEqual(saved.sequence);
    await other.catalog.load();
    other.editable.snapshot();
    await Promise.resolve();
    expect(other.runs.sequence.datasetId).toBe('seattle_weather');
    expect(other.runs.sequence.forecast).toEqual(sender.runs.sequence.forecast);
    expect(other.editable.snapshot()).toEqual(saved);
  });
});
