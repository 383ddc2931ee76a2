import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { MANAGERS } from '../../auth/access.js'
import { isCalendarDate, shopToday } from '../../domain/shop-date.js'
import { parseSquareFeet } from '../../domain/square-feet.js'
import { AppError } from '../../errors.js'
import type { MlConfig } from '../../models/index.js'
import { MlErrors } from '../../services/ml.errors.js'
import type { DraftOrder } from '../../services/ml-predictions.js'
import { queryInt } from '../components/manage/format.js'
import {
  type EstimateField,
  EstimateForm,
  type EstimateResult,
  FLAGS,
  ITEM_ROWS,
} from '../components/models/estimate.js'
import { PredictionPerformance } from '../components/models/performance.js'
import { ActiveModel, ModelsTable, type Run, RunsTable } from '../components/models/registry.js'
import { Retrain, type RetrainProps, RunPanel } from '../components/models/retrain.js'
import { emptyForm, type FormState, readFields } from '../form.js'
import { isHtmx, sendFragment, sendPage } from '../render.js'
import { signedInUser } from '../session.js'

const CONFIGS: readonly MlConfig[] = ['auto', 'baseline', 'boosted']
const RunParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const ESTIMATE_NAMES = [
  'customerNo',
  'dateIn',
  'dateRequired',
  'storageTime',
  ...FLAGS.map(([name]) => name),
  ...Array.from({ length: ITEM_ROWS }, (_, i) => [`description${i}`, `size${i}`, `quantity${i}`]).flat(),
] as EstimateField[]

/** Models (managers and admins): the same ML service as /ml/* (app.mlService), the same lock and registry. */
export default async function modelPages(app: FastifyInstance) {
  const timeZone = app.config.shopTimezone
  const access = { access: MANAGERS }
  const ml = app.mlService

  /** Everything above the estimate form; htmx swaps it whole when a run finishes. */
  async function content(retrain: Omit<RetrainProps, 'timeZone'>) {
    const [status, runs] = await Promise.all([ml.status(), ml.training.runs(20)])
    // Show the run asked for, else one still running (started by anyone, on any instance).
    const run = retrain.run ?? runs.find((r) => r.status === 'running')
    return (
      <div id="models-content">
        <ActiveModel active={status.active} timeZone={timeZone} />
        <Retrain {...retrain} run={run} timeZone={timeZone} />
        <h2>History</h2>
        <RunsTable runs={runs} timeZone={timeZone} />
        <ModelsTable models={status.models} timeZone={timeZone} />
      </div>
    )
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      retrain?: Omit<RetrainProps, 'timeZone'>
      estimate?: FormState<EstimateField>
      result?: EstimateResult
      status?: number
    },
  ) {
    const state =
      options.estimate ?? emptyForm<EstimateField>({ dateIn: shopToday(timeZone), quantity0: '1' })
    const [body, perf] = await Promise.all([content(options.retrain ?? {}), ml.snapshots.performance()])
    return sendPage(request, reply, {
      title: 'Models',
      // The performance charts: uPlot drawn by the analytics page's script (data in data-chart attributes).
      styles: ['manage.css', 'uplot.css'],
      scripts: ['uplot.js', 'analytics.js'],
      status: options.status ?? 200,
      body: (
        <section>
          <h1>Turnaround and price models</h1>
          {body}
          <PredictionPerformance perf={perf} />
          <EstimateForm state={state} result={options.result} />
        </section>
      ),
    })
  }

  app.get<{ Querystring: { run?: string } }>('/models', { config: access }, async (request, reply) => {
    const id = request.query.run
    const run = id && /^[0-9a-f-]{36}$/i.test(id) ? await ml.training.run(id) : undefined
    return page(request, reply, { retrain: { run } })
  })

  app.post('/models/retrain', { config: access }, async (request, reply) => {
    const { config } = readFields(request.body, ['config'] as const)
    const chosen = CONFIGS.includes(config as MlConfig) ? (config as MlConfig) : 'auto'
    try {
      const started = await ml.retrain({
        config: chosen,
        triggeredBy: `user:${signedInUser(request).id}`,
      })
      // As POST /ml/train with async: the outcome (or the failure) lands on the recorded run.
      started.done.catch(() => undefined)
      return reply.redirect(`/models?run=${started.runId}`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || (err.statusCode !== 409 && err.statusCode !== 422)) throw err
      const message =
        err.statusCode === 409
          ? 'A training is already running (started here or elsewhere). Wait for it to finish, then try again if needed.'
          : `Not enough data to train: ${err.message}.`
      return page(request, reply, { retrain: { message, config: chosen }, status: err.statusCode })
    }
  })

  app.get<{ Params: { id: string } }>(
    '/models/runs/:id',
    { config: access, schema: { params: RunParams } },
    async (request, reply) => {
      const run: Run = await ml.run(request.params.id)
      if (!isHtmx(request)) return reply.redirect(`/models?run=${run.id}`, 303)
      if (run.status === 'running') return sendFragment(reply, <RunPanel run={run} timeZone={timeZone} />)
      // Done: the new model, the history and the outcome replace the whole block (and polling stops).
      reply.header('hx-retarget', '#models-content').header('hx-reswap', 'outerHTML')
      return sendFragment(reply, await content({ run }))
    },
  )

  app.post('/models/estimate', { config: access }, async (request, reply) => {
    const values = readFields(request.body, ESTIMATE_NAMES)
    const state: FormState<EstimateField> = { values, errors: {} }
    const draft = await readDraft(values, state)
    let result: EstimateResult | undefined
    if (draft && Object.keys(state.errors).length === 0) {
      try {
        const prediction = await ml.predictions.predictDraft(draft)
        result = {
          prediction,
          items: draft.items.map(({ description, squareFeet, quantity }) => ({
            description,
            squareFeet,
            quantity,
          })),
        }
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500) throw err
        state.errors.form =
          err.code === MlErrors.noModel.code ? 'No model is active yet: retrain first.' : err.message
      }
    }
    const status = result ? 200 : 422
    if (isHtmx(request)) return sendFragment(reply, <EstimateForm state={state} result={result} />, status)
    return page(request, reply, { estimate: state, ...(result ? { result } : {}), status })
  })

  /** The form as POST /ml/predict's body, or the errors beside the fields. */
  async function readDraft(v: Record<EstimateField, string>, state: FormState<EstimateField>) {
    let customerId: number | undefined
    if (v.customerNo) {
      const no = queryInt(v.customerNo, 0, 1, 2_147_483_647)
      const found = no
        ? await app.customersService.list({ page: 1, pageSize: 1, filters: { customerNo: String(no) } })
        : undefined
      customerId = found?.data[0]?.id
      if (!customerId) state.errors.customerNo = 'No customer has that number'
    }
    if (v.dateIn && !isCalendarDate(v.dateIn)) state.errors.dateIn = 'Enter a date as YYYY-MM-DD'
    if (v.dateRequired && !isCalendarDate(v.dateRequired))
      state.errors.dateRequired = 'Enter a date as YYYY-MM-DD'
    const items: DraftOrder['items'] = []
    for (let i = 0; i < ITEM_ROWS; i++) {
      const description = v[`description${i}`] ?? ''
      const sizeText = v[`size${i}`] ?? ''
      const quantityText = v[`quantity${i}`] ?? ''
      if (!description) {
        if (i === 0 || sizeText) state.errors[`description${i}`] = 'Describe the item (e.g. Patio awning)'
        continue
      }
      if (description.length > 300) state.errors[`description${i}`] = 'At most 300 characters'
      const quantity = quantityText ? queryInt(quantityText, 0, 1, 10_000) : 1
      if (quantity === 0) state.errors[`quantity${i}`] = 'A whole number from 1 to 10,000'
      if (sizeText.length > 200) state.errors[`size${i}`] = 'At most 200 characters'
      items.push({
        description,
        material: null,
        quantity,
        sizeText: sizeText || null,
        squareFeet: parseSquareFeet(sizeText),
      })
    }
    const flag = (name: string) => v[name as EstimateField] === 'on'
    const storage = v.storageTime === 'seasonal' || v.storageTime === 'temporary' ? v.storageTime : null
    const draft: DraftOrder = {
      ...(customerId ? { customerId } : {}),
      ...(v.dateIn ? { dateIn: v.dateIn } : {}),
      dateRequired: v.dateRequired || null,
      rush: flag('rush'),
      firmRush: flag('firmRush'),
      repairsNeeded: flag('repairsNeeded'),
      isCushion: flag('isCushion'),
      storageTime: storage,
      specialInstructions: null,
      items,
    }
    return draft
  }
}
