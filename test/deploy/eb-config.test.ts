import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../../src/config.js'
import { commandProblems } from '../helpers/commands.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8')

/** Option namespaces from the EB documentation ("General options for all environments" + Node.js platform). */
const EB_NAMESPACES: Record<string, readonly string[] | '*'> = {
  'aws:autoscaling:asg': [
    'Availability Zones',
    'Cooldown',
    'Custom Availability Zones',
    'EnableCapacityRebalancing',
    'MinSize',
    'MaxSize',
  ],
  'aws:autoscaling:launchconfiguration': '*',
  'aws:autoscaling:trigger': [
    'BreachDuration',
    'LowerBreachScaleIncrement',
    'LowerThreshold',
    'MeasureName',
    'Period',
    'EvaluationPeriods',
    'Statistic',
    'Unit',
    'UpperBreachScaleIncrement',
    'UpperThreshold',
  ],
  'aws:autoscaling:updatepolicy:rollingupdate': [
    'MaxBatchSize',
    'MinInstancesInService',
    'RollingUpdateEnabled',
    'RollingUpdateType',
    'PauseTime',
    'Timeout',
  ],
  'aws:ec2:vpc': '*',
  'aws:elasticbeanstalk:application': ['Application Healthcheck URL'],
  'aws:elasticbeanstalk:application:environment': '*',
  'aws:elasticbeanstalk:cloudwatch:logs': ['StreamLogs', 'DeleteOnTerminate', 'RetentionInDays'],
  'aws:elasticbeanstalk:cloudwatch:logs:health': [
    'HealthStreamingEnabled',
    'DeleteOnTerminate',
    'RetentionInDays',
  ],
  'aws:elasticbeanstalk:command': [
    'DeploymentPolicy',
    'Timeout',
    'BatchSizeType',
    'BatchSize',
    'IgnoreHealthCheck',
  ],
  'aws:elasticbeanstalk:environment': [
    'EnvironmentType',
    'ServiceRole',
    'LoadBalancerType',
    'LoadBalancerIsShared',
  ],
  'aws:elasticbeanstalk:environment:process:default': [
    'DeregistrationDelay',
    'HealthCheckInterval',
    'HealthCheckPath',
    'HealthCheckTimeout',
    'HealthyThresholdCount',
    'MatcherHTTPCode',
    'Port',
    'Protocol',
    'StickinessEnabled',
    'StickinessLBCookieDuration',
    'StickinessType',
    'UnhealthyThresholdCount',
  ],
  'aws:elasticbeanstalk:environment:proxy': ['ProxyServer'],
  'aws:elasticbeanstalk:healthreporting:system': [
    'ConfigDocument',
    'EnhancedHealthAuthEnabled',
    'HealthCheckSuccessThreshold',
    'SystemType',
  ],
  'aws:elasticbeanstalk:hostmanager': ['LogPublicationControl'],
  'aws:elasticbeanstalk:managedactions': '*',
  'aws:elasticbeanstalk:managedactions:platformupdate': '*',
  'aws:elasticbeanstalk:monitoring': '*',
  'aws:elasticbeanstalk:sns:topics': '*',
  'aws:elbv2:listener:default': '*',
  'aws:elbv2:loadbalancer': '*',
}
const KNOWN_KEYS = new Set([
  'option_settings',
  'container_commands',
  'commands',
  'files',
  'Resources',
  'packages',
])

const configs = readdirSync(path.join(ROOT, '.ebextensions'))
  .filter((f) => f.endsWith('.config'))
  .map((f) => ({ file: f, doc: parse(read(`.ebextensions/${f}`)) as Record<string, unknown> }))
const options = new Map<string, Record<string, unknown>>()
for (const { doc } of configs)
  for (const [ns, settings] of Object.entries(
    (doc.option_settings ?? {}) as Record<string, Record<string, unknown>>,
  ))
    options.set(ns, { ...(options.get(ns) ?? {}), ...settings })

describe('Elastic Beanstalk configuration', () => {
  it('is YAML EB understands: known sections, documented namespaces and option names', () => {
    expect(configs.length).toBeGreaterThan(0)
    for (const { file, doc } of configs) {
      for (const key of Object.keys(doc)) expect(KNOWN_KEYS.has(key), `${file}: section ${key}`).toBe(true)
      for (const [ns, settings] of Object.entries((doc.option_settings ?? {}) as Record<string, object>)) {
        const known = EB_NAMESPACES[ns]
        expect(known, `${file}: namespace ${ns}`).toBeDefined()
        if (known !== '*')
          for (const name of Object.keys(settings)) expect(known, `${file}: ${ns} ${name}`).toContain(name)
      }
    }
  })

  it('sets environment values the service accepts', () => {
    const env = options.get('aws:elasticbeanstalk:application:environment') as Record<string, string>
    const config = loadConfig({
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
      DATABASE_URL: 'postgres://app@db.example:5432/awning',
      SECRET_KEY: 'x'.repeat(40),
    })
    expect(config.port).toBe(8080)
    expect(config.migrateOnStart).toBe(false)
    expect(config.ml.retrainLog).toBe('/var/log/ml-retrain.log')
    expect(config.ml.schedule).toBeDefined()
    // Nothing secret is committed.
    for (const key of Object.keys(env)) expect(key).not.toMatch(/SECRET|PASSWORD|ACCESS_KEY/)
  })

  it('checks health on /health, keeps Auto Scaling on EC2 health, and deploys without losing capacity', () => {
    expect(options.get('aws:elasticbeanstalk:environment:process:default')).toMatchObject({
      HealthCheckPath: '/health',
      MatcherHTTPCode: '200',
    })
    expect(options.get('aws:elasticbeanstalk:application')?.['Application Healthcheck URL']).toBe('/health')
    expect(options.get('aws:elasticbeanstalk:healthreporting:system')?.SystemType).toBe('enhanced')
    expect(['RollingWithAdditionalBatch', 'Immutable']).toContain(
      options.get('aws:elasticbeanstalk:command')?.DeploymentPolicy,
    )
    const asg = configs
      .map((c) => c.doc.Resources as Record<string, { Properties: Record<string, unknown> }> | undefined)
      .find(Boolean)
    expect(asg?.AWSEBAutoScalingGroup?.Properties.HealthCheckType).toBe('EC2')
    expect(options.get('aws:elasticbeanstalk:cloudwatch:logs')?.StreamLogs).toBe(true)
  })

  it('runs migrations once, on the leader, with a command that exists', () => {
    const commands = configs.flatMap(({ doc }) =>
      Object.values(
        (doc.container_commands ?? {}) as Record<string, { command: string; leader_only?: boolean }>,
      ),
    )
    const migrate = commands.find((c) => c.command.includes('upgrade head'))
    expect(migrate).toMatchObject({ command: 'node dist/cli/db.js prod upgrade head', leader_only: true })
    expect(commandProblems(commands.map((c) => c.command))).toEqual([])
  })

  it('ships the retrain log in EB log bundles, and has no system cron (the in-process schedule runs once per slot)', () => {
    const files = configs.flatMap(({ doc }) =>
      Object.entries((doc.files ?? {}) as Record<string, { content: string }>),
    )
    const logs = files.filter(([p]) => p.includes('/tasks/')).map(([p, f]) => [p, f.content.trim()])
    expect(logs).toEqual(
      expect.arrayContaining([
        ['/opt/elasticbeanstalk/tasks/bundlelogs.d/ml-retrain.conf', '/var/log/ml-retrain.log'],
        ['/opt/elasticbeanstalk/tasks/taillogs.d/ml-retrain.conf', '/var/log/ml-retrain.log'],
      ]),
    )
    expect(files.some(([p]) => p.startsWith('/etc/cron'))).toBe(false)
  })

  it('targets one Node major everywhere: engines, the node dev dependency, its types, the EB platform branch', () => {
    const pkg = JSON.parse(read('package.json')) as {
      engines: { node: string }
      devDependencies: Record<string, string>
    }
    const major = /^>=(\d+)$/.exec(pkg.engines.node)?.[1]
    expect(major).toBe('22')
    expect(pkg.devDependencies.node).toMatch(new RegExp(`^\\^${major}\\.`))
    expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${major}\\.`))
    const platforms = [
      ...read('docs/RUNBOOK.md').matchAll(/Node\.js (\d+) running on 64bit Amazon Linux 2023/g),
    ]
    expect(platforms.length).toBeGreaterThan(0)
    for (const [, platformMajor] of platforms) expect(platformMajor).toBe(major)
    expect(read('.ebextensions/02-health-and-deploy.config')).toContain(
      `Node.js ${major} running on 64bit Amazon Linux 2023`,
    )
  })

  it('Procfile runs the built server', () => {
    expect(read('Procfile').trim()).toBe('web: node dist/server.js')
    expect(commandProblems(['node dist/server.js'])).toEqual([])
  })

  it('nginx takes uploads up to MAX_UPLOAD_MB and waits out a synchronous retrain', () => {
    const env = options.get('aws:elasticbeanstalk:application:environment') as Record<string, string>
    const conf = read('.platform/nginx/conf.d/awning.conf')
    const bodyMb = Number(/client_max_body_size\s+(\d+)m;/.exec(conf)?.[1])
    expect(bodyMb).toBeGreaterThan(Number(env.MAX_UPLOAD_MB))
    const readTimeout = Number(/proxy_read_timeout\s+(\d+)s;/.exec(conf)?.[1])
    expect(readTimeout).toBeGreaterThan(Number(env.ML_TRAIN_TIMEOUT_S))
    for (const line of conf.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')))
      expect(line.trim()).toMatch(/^[a-z_]+\s+[^;]+;$/) // one directive per line, each terminated
    expect(existsSync(path.join(ROOT, '.platform/hooks'))).toBe(false) // the bundle is prebuilt: no hooks needed
  })
})
