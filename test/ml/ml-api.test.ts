import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { FEATURE_NAMES, featureVector } from '../../src/ml/features.js'
import { trainingRows } from '../../src/ml/train.js'
import { createMlDataRepository } from '../../src/repositories/ml-data.js'
import { createMlRegistryRepository } from '../../src/repositories/ml-registry.js'
import { seedEmptyDatabase } from '../../src/seed/seed-empty.js'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'
import { tempDir } from '../helpers/database.js'

const SECRET = 'nightly-retrain-secret-for-tests'

describe('turnaround and price models over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let manager: Record<string, string>
  const logFile = path.join(tempDir('ml-log-'), 'ml-retrain.log')
  const cron = (body: object) =>
    ctx.app.inject({
      method: 'POST',
      url: '/ml/cron/retrain',
      headers: { 'x-cron-secret': SECRET },
      payload: body,
    })

  beforeAll(async () => {
    ctx = await createTestApp({
      env: { CRON_SECRET: SECRET, ML_RETRAIN_LOG: logFile, ML_RETRAIN_SCHEDULE: 'off' },
    })
    manager = (await userWithSession(ctx.app, 'manager')).bearer
  })
  afterAll(() => ctx.close())

  it('refuses to train on too little data: 422 with the counts, and warns', async () => {
    const res = await cron({ config: 'baseline' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({
      code: 'ml.insufficient_data',
      message: 'Insufficient data for training (need >= 100, have 0)',
    })
    expect(readFileSync(logFile, 'utf8')).toMatch(
      /WARNING: Insufficient data for training \(need >= 100, have 0\)/,
    )
  })

  it('checks the cron secret', async () => {
    const post = (headers: Record<string, string>) =>
      ctx.app.inject({ method: 'POST', url: '/ml/cron/retrain', headers, payload: {} })
    expect((await post({ 'x-cron-secret': `${SECRET}!` })).statusCode).toBe(401)
    expect((await post({})).statusCode).toBe(401)
    expect((await post(manager)).statusCode).toBe(401)
  })

  it('has no model to predict with before the first training', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/ml/predict',
      headers: manager,
      payload: { items: [{ description: 'Awning', sizeText: '8x10' }] },
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('ml.no_model')
  })

  it('computes the same features at prediction time as at training time, for the same order', async () => {
    await seedEmptyDatabase(ctx.app.db, { customers: 90, workOrders: 500, seed: 5 })
    const data = createMlDataRepository(ctx.app.db)
    const records = await data.records()
    const rows = trainingRows(records)
    const withSource = records.filter((r) => r.sourceId !== null)
    const picks = [3, 57, 211, 350, 420, 499]
      .map((i) => records[i])
      .concat(withSource.slice(-3), withSource.slice(40, 43))
      // The backlog's cached count takes the order's own share out only when it counts: open and cancelled ones.
      .concat(records.filter((r) => r.status === 'cancelled').slice(0, 2))
      .concat(records.filter((r) => r.dateCompleted === null && r.status !== 'cancelled').slice(0, 2))
    let withPrevious = 0
    for (const record of picks) {
      if (!record) throw new Error('missing record')
      // Through the prediction service's own path (its cached source record, the order taken out of it).
      const who = {
        customerId: record.customerId,
        sourceId: record.sourceId,
        excludeId: record.id,
        own: {
          dateIn: record.facts.dateIn,
          dateCompleted: record.dateCompleted,
          cancelled: record.status === 'cancelled',
        },
      }
      const context = await ctx.app.ml.predictions.contextOf(who, record.facts.dateIn)
      // The item-level price model's context: the source's trade and each piece's earlier catalog price.
      const priced = await ctx.app.ml.predictions.contextOf(who, record.facts.dateIn, record.facts.items)
      expect(priced.pricing).toEqual(rows.find((r) => r.id === record.id)?.pricing)
      if (priced.pricing?.previous.some((p) => p !== null)) withPrevious++
      expect(await data.context({ ...who, asOf: record.facts.dateIn })).toEqual(context)
      // Later, when the order itself is in its source's record, the cached path takes it out exactly.
      const later = await ctx.app.ml.predictions.contextOf(who, '2030-01-01')
      expect(later).toEqual(await data.context({ ...who, asOf: '2030-01-01' }))
      const again = await data.record((await ctx.app.workOrdersService.detail(record.id)).workOrderNo)
      const atPrediction = featureVector(again?.facts ?? record.facts, context)
      const atTraining = rows.find((r) => r.id === record.id)?.x
      expect(Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, atPrediction[i]]))).toEqual(
        Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, atTraining?.[i]])),
      )
    }
    expect(withPrevious).toBeGreaterThan(0)
  })

  it('retrains from the cron call, logs as the runbook expects, and activates the first model', async () => {
    const res = await cron({ config: 'baseline' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      status: 'completed',
      config: 'baseline',
      activated: true,
      reason: 'first model',
    })
    expect(body.algorithms).toEqual({ days: 'linear', price: 'linear' })
    expect(body.samples).toBeGreaterThan(100)
    for (const t of ['days', 'price']) {
      expect(body.metrics[t].mae).toBeLessThan(body.naive[t].mae)
      expect(body.metrics[t].n).toBeGreaterThan(0)
    }
    const log = readFileSync(logFile, 'utf8')
    expect(log).toMatch(/\] INFO: Model training completed\n/)
    expect(log).toContain(`INFO: MAE: ${body.metrics.days.mae}, R2: ${body.metrics.days.r2}`)

    const status = await ctx.app.inject({ url: '/ml/status', headers: manager })
    expect(status.json().active).toMatchObject({ id: body.modelId, status: 'active', triggeredBy: 'cron' })
  })

  it('predicts a draft order and an existing one, with intervals and a completion date', async () => {
    // The same draft with a given number of 10x12 Sunbrella awnings.
    const awnings = (quantity: number) =>
      ctx.app.inject({
        method: 'POST',
        url: '/ml/predict',
        headers: manager,
        payload: {
          customerId: 1,
          dateIn: '2026-11-02',
          items: [{ description: 'Patio awning', material: 'Sunbrella', quantity, sizeText: '10x12' }],
        },
      })
    const draft = await awnings(2)
    expect(draft.statusCode).toBe(200)
    const p = draft.json()
    expect(p.days.predicted).toBeGreaterThan(0)
    expect(p.days.interval.low).toBeLessThanOrEqual(p.days.predicted)
    expect(p.days.interval.high).toBeGreaterThanOrEqual(p.days.predicted)
    expect(p.price.predicted).toBeGreaterThan(0)
    expect(p.estimatedCompletion >= p.asOf).toBe(true)

    const bigger = await awnings(6)
    expect(bigger.json().price.predicted).toBeGreaterThan(p.price.predicted)

    const missing = await ctx.app.inject({
      method: 'POST',
      url: '/ml/predict',
      headers: manager,
      payload: { customerId: 999_999, items: [{ description: 'Awning' }] },
    })
    expect(missing.statusCode).toBe(404)
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/ml/predict',
      headers: manager,
      payload: { items: [] },
    })
    expect(bad.statusCode).toBe(400)

    const byNo = await ctx.app.inject({ url: '/ml/predict/500', headers: manager })
    expect(byNo.statusCode).toBe(200)
    expect((await ctx.app.inject({ url: '/ml/predict/99999', headers: manager })).statusCode).toBe(404)
  })

  it('shows estimates on open work orders and not on completed ones', async () => {
    const staff = (await userWithSession(ctx.app, 'staff')).bearer
    const list = await ctx.app.inject({
      url: '/api/work-orders?pageSize=100&sort=-workOrderNo',
      headers: staff,
    })
    const rows = list.json().data as { workOrderNo: number; status: string }[]
    const open = rows.find((r) => !['completed', 'cancelled'].includes(r.status))
    const done = rows.find((r) => r.status === 'completed')
    const openDetail = (
      await ctx.app.inject({ url: `/api/work-orders/${open?.workOrderNo}`, headers: staff })
    ).json()
    expect(openDetail.estimatedCompletion).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(openDetail.predictedPrice).toBeGreaterThan(0)
    const doneDetail = (
      await ctx.app.inject({ url: `/api/work-orders/${done?.workOrderNo}`, headers: staff })
    ).json()
    expect(doneDetail).toMatchObject({ estimatedCompletion: null, predictedPrice: null })
  })

  it('lets one of two concurrent retrains run; the other gets 409', async () => {
    const [a, b] = await Promise.all([cron({ config: 'boosted' }), cron({ config: 'boosted' })])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const refused = a.statusCode === 409 ? a : b
    expect(refused.json()).toMatchObject({
      code: 'ml.training_in_progress',
      message: 'training already in progress',
    })
  })

  it('keeps answering /health while a training runs in its worker', async () => {
    const started = await cron({ config: 'auto', async: true })
    expect(started.statusCode).toBe(202)
    const { runId, poll } = started.json()
    expect(poll).toBe(`/ml/runs/${runId}`)
    let polls = 0
    for (;;) {
      const health = await ctx.app.inject({ url: '/health' })
      expect(health.statusCode).toBe(200)
      const run = await ctx.app.inject({ url: poll, headers: { 'x-cron-secret': SECRET } })
      expect(run.statusCode).toBe(200)
      if (run.json().status !== 'running') {
        expect(run.json()).toMatchObject({
          status: 'completed',
          result: { status: 'completed', config: 'auto' },
        })
        break
      }
      polls++
      await new Promise((r) => setTimeout(r, 20))
    }
    // /health was answered while the run was still running: a training on this thread would have held
    // every request until it finished, and the first poll would already see it completed.
    expect(polls).toBeGreaterThan(0)
    // A manager session may poll it too; staff may not; an unknown id is 404.
    expect((await ctx.app.inject({ url: poll, headers: manager })).statusCode).toBe(200)
    const unknown = await ctx.app.inject({
      url: '/ml/runs/00000000-0000-4000-8000-000000000000',
      headers: manager,
    })
    expect(unknown.statusCode).toBe(404)
  })

  it('does not activate a model much worse than the active one, and says why', async () => {
    const registry = createMlRegistryRepository(ctx.app.db)
    const best = { algorithm: 'linear', metrics: { mae: 0.01, rmse: 0.01, r2: 1, n: 1 }, naive: {} }
    const champion = await registry.insert(
      {
        config: 'baseline',
        samples: 1,
        featureNames: [...FEATURE_NAMES],
        metrics: { days: best, price: best },
        model: {},
        durationMs: 1,
        triggeredBy: 'test',
      },
      'active',
      'planted by the test',
    )
    const res = await cron({ config: 'baseline' })
    expect(res.json()).toMatchObject({ activated: false })
    expect(res.json().reason).toMatch(
      new RegExp(`worse than active model ${champion.id}'s 0\\.01 \\(limit 10%\\)`),
    )
    expect((await registry.activeSummary())?.id).toBe(champion.id)
    // Retire the planted model so that the next trained one becomes active.
    await ctx.app.db.execute(sql`UPDATE ml_models SET status = 'inactive'`)
  })

  it('keeps the five newest models (and the active one)', async () => {
    const registry = createMlRegistryRepository(ctx.app.db)
    const before = (await registry.list(100)).map((m) => m.id)
    expect(before.length).toBeGreaterThanOrEqual(4)
    const trained: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await cron({ config: 'baseline' })
      expect(res.statusCode).toBe(200)
      trained.push(res.json().modelId)
    }
    const kept = (await registry.list(100)).map((m) => m.id)
    expect(kept.sort((a, b) => a - b)).toEqual(trained) // every older model pruned
    expect((await registry.activeSummary())?.id).toBe(trained.at(-1)) // same data, same quality: each replaced the last
    const status = (await ctx.app.inject({ url: '/ml/status', headers: manager })).json()
    expect(status.models.map((m: { id: number }) => m.id)).toEqual([...trained].reverse())
    const runs = (await ctx.app.inject({ url: '/ml/runs', headers: manager })).json().data
    expect(runs.length).toBeGreaterThan(5)
  })

  it('serves the stored model from a new instance (after a restart)', async () => {
    const active = (await ctx.app.inject({ url: '/ml/status', headers: manager })).json().active
    expect(active).not.toBeNull()
    const config = loadConfig({
      DATA_DIR: ctx.testDb.dataDir,
      MIGRATE_ON_START: 'false',
      ML_RETRAIN_SCHEDULE: 'off',
    })
    const second = await buildApp({ config, database: ctx.database, logger: { level: 'silent' } })
    try {
      const bearer = (await userWithSession(second, 'manager')).bearer
      await second.ready()
      const res = await supertest(second.server).get('/ml/predict/500').set(bearer)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.model.id).toBe(active.id)
    } finally {
      await second.close()
    }
  })
})

describe('without CRON_SECRET', () => {
  it('the cron retrain answers 503', async () => {
    const ctx = await createTestApp({ env: { ML_RETRAIN_SCHEDULE: 'off' } })
    try {
      const res = await ctx.app.inject({ method: 'POST', url: '/ml/cron/retrain', payload: {} })
      expect(res.statusCode).toBe(503)
      expect(res.json().code).toBe('cron.not_configured')
    } finally {
      await ctx.close()
    }
  })
})
