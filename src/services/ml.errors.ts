import { built, defineErrors, fixed, passedOn } from '../errors.js'

export const MlErrors = defineErrors('ml', {
  trainingInProgress: fixed(409, 'ml.training_in_progress', 'training already in progress'),
  insufficientData: built(
    422,
    'ml.insufficient_data',
    'Too few completed work orders to train on (ML_MIN_SAMPLES)',
    (need: number, have: number) => `Insufficient data for training (need >= ${need}, have ${have})`,
  ),
  trainingTimeout: passedOn(
    504,
    'ml.training_timeout',
    'The training ran longer than ML_TRAIN_TIMEOUT_S and was stopped',
  ),
  noModel: fixed(
    409,
    'ml.no_model',
    'No model is active yet: train one with POST /ml/train or the cron retrain',
  ),
  trainingFailed: fixed(500, 'ml.training_failed', 'Model training failed'),
  runAbandoned: fixed(500, 'ml.run_abandoned', 'The instance running this training stopped'),
  runNotFound: fixed(404, 'ml.run_not_found', 'No such training run'),
})
