import { defineErrors, passedOn } from '../errors.js'

export const MlErrors = defineErrors('ml', {
  trainingInProgress: {
    status: 409,
    code: 'ml.training_in_progress',
    message: 'training already in progress',
  },
  insufficientData: {
    status: 422,
    code: 'ml.insufficient_data',
    about: 'Too few completed work orders to train on (ML_MIN_SAMPLES)',
    message: (need: number, have: number) => `Insufficient data for training (need >= ${need}, have ${have})`,
  },
  trainingTimeout: {
    status: 504,
    code: 'ml.training_timeout',
    ...passedOn('The training ran longer than ML_TRAIN_TIMEOUT_S and was stopped'),
  },
  noModel: {
    status: 409,
    code: 'ml.no_model',
    message: 'No model is active yet: train one with POST /ml/train or the cron retrain',
  },
  trainingFailed: { status: 500, code: 'ml.training_failed', message: 'Model training failed' },
  runAbandoned: {
    status: 500,
    code: 'ml.run_abandoned',
    message: 'The instance running this training stopped',
  },
  runNotFound: { status: 404, code: 'ml.run_not_found', message: 'No such training run' },
})
