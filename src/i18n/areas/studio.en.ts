/** English strings of the training studio: the builder as a model family, run controls, checkpoints. */
export const studioEn = {
  studio: {
    family: {
      builder: 'Neural network — layer builder',
      builderAbout:
        'Any stack of layers (dense, convolution, pooling, recurrent, attention) with its own loss, optimizer and schedule; presets fit the chosen data.',
    },
    controls: {
      label: 'Run controls',
      pause: 'Pause',
      resume: 'Resume',
      stepBatch: 'Step one batch',
      stepEpoch: 'Step one epoch',
      paused: 'Paused. Resume, or step one batch or one epoch at a time.',
    },
    checkpoint: {
      every: 'Checkpoint every (epochs)',
      everyHelp: 'Saved in this browser; also saved when you stop. 0 = only when stopped.',
      everyInvalid: 'Enter a whole number of epochs, 0 or more.',
      saved: 'Checkpoint saved at epoch {{epoch}}.',
      quota:
        'The browser’s storage is full, so the checkpoint of epoch {{epoch}} was not saved. Training goes on; the previous checkpoint is kept. Free some space (delete stored datasets or runs) to save again.',
      failed:
        'The checkpoint of epoch {{epoch}} could not be saved. Training goes on; the previous checkpoint is kept.',
    },
    resume: {
      heading: 'Interrupted run',
      text: '{{dataset}}: {{epoch}} of {{epochs}} epochs were saved {{when}}.',
      button: 'Resume from epoch {{epoch}}',
      discard: 'Discard checkpoint',
    },
    resumed: {
      checkpoint: 'Continued from the checkpoint of epoch {{epoch}}.',
      deviceLost:
        'The GPU device was lost; training moved to {{backend}} and continued from epoch {{epoch}}.',
      deviceLostFresh: 'The GPU device was lost; training moved to {{backend}} and started again.',
    },
    invalid: {
      learningRate: 'The learning rate must be above 0.',
      batchSize: 'The batch size must be a whole number from 1 to 65,536.',
      epochs: 'Epochs must be a whole number from 1 to 1,000.',
      seed: 'The seed must be a whole number, 0 or more.',
      penalty: 'Penalties must be 0 or more.',
      clipNorm: 'The clipping norm must be 0 (off) or more.',
      huberDelta: 'Huber’s delta must be above 0.',
      patience: 'Patience must be a whole number of epochs, 1 or more.',
      optimizer: 'Optimizer settings must be between 0 and 1 (weight decay: 0 or more).',
    },
  },
} as const;
