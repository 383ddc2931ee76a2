import type { Config } from '../config.js'
import { MlErrors } from './ml.errors.js'
import type { PredictionService } from './ml-predictions.js'
import type { SnapshotService } from './ml-snapshots.js'
import type { RetrainOutcome, RetrainRequest, TrainingService } from './ml-training.js'

/** The NOTIFY channel on which an instance that activated a model tells the others. */
export const ACTIVATION_CHANNEL = 'ml_model_activated'

/**
 * Turnaround and price models as the routes and the schedule use them: the training service (worker
 * thread, advisory lock, registry) and the prediction service (the active model, cached per instance).
 */
export function createMlService(deps: {
  training: TrainingService
  predictions: PredictionService
  snapshots: SnapshotService
  schedule: Config['ml']['schedule']
}) {
  const { training, predictions, snapshots } = deps
  return {
    training,
    predictions,
    /** Recorded predictions, scored as orders complete (GET /ml/performance, the drift alarm). */
    snapshots,
    status: async () => ({ ...(await training.status()), schedule: deps.schedule ?? null }),
    runs: () => training.runs(),

    async run(id: string) {
      const run = await training.run(id)
      if (!run) throw MlErrors.runNotFound()
      return run
    },

    /**
     * Starts a retrain, or refuses with the 409 while another runs anywhere (or another instance took
     * this schedule slot). `done` settles with the outcome; `runId` is there to poll before that. The
     * routes and the in-process schedule both come through here.
     */
    async retrain(request: RetrainRequest): Promise<{ runId: string; done: Promise<RetrainOutcome> }> {
      const started = await training.start(request)
      if ('skipped' in started) throw MlErrors.trainingInProgress()
      return started
    },
  }
}

export type MlService = ReturnType<typeof createMlService>
