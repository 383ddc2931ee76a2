// The analytics the shop looks at (docs: /work/shared/domain.md), each computed by one or two SQL
// statements: aggregates with FILTER, window functions, generate_series and percentile_cont. Nothing is
// loaded into JavaScript to be counted. Item totals are aggregated per order (LATERAL) before anything
// else, so a mixed order counts once; cancelled orders are left out except in the counts per status.
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/index.js'
import {
  type AnalyticsFilter,
  day,
  int,
  itemProduct,
  itemRevenue,
  orderTotalsJoin,
  orderWhere,
  query,
  rounded,
  todaySql,
} from './analytics-sql.js'
import type {
  BacklogDay,
  CustomerActivity,
  Dashboard,
  RevenueByProduct,
  Summary,
  ThroughputDay,
  TrendMonth,
  Turnaround,
} from './analytics-types.js'

export { productType } from './analytics-sql.js'
export type * from './analytics-types.js'

const completed = sql`w.status = 'completed'`

/** The first days of the last `months` months, today's included, as `m(month)`; and its bounds. */
function monthWindow(today: SQL, months: number) {
  const current = sql`date_trunc('month', (${today})::timestamp)`
  const first = sql`(${current} - make_interval(months => ${months - 1}::int))`
  return {
    series: sql`SELECT generate_series(${first}, ${current}, interval '1 month')::date AS month`,
    start: sql`${first}::date`,
    end: sql`(${current} + interval '1 month')::date`,
  }
}

export function createAnalyticsRepository(db: Db) {
  return {
    /** Headline numbers over the orders received in the filter's range. One statement. */
    async summary(f: AnalyticsFilter & { today?: string } = {}): Promise<Summary> {
      const today = todaySql(f.today)
      const [row] = await query<Summary>(
        db,
        sql`WITH o AS (
          SELECT w.customer_id, ${completed} AS done, w.date_completed, (w.rush OR w.firm_rush) AS rushed,
                 w.date_completed - w.date_in AS days, t.revenue, t.sqft
          FROM work_orders w ${orderTotalsJoin}
          WHERE ${orderWhere(f)})
        SELECT count(*)::int AS "ordersTotal",
          count(*) FILTER (WHERE NOT done)::int AS "ordersOpen",
          count(*) FILTER (WHERE done)::int AS "ordersCompleted",
          ${rounded(sql`coalesce(count(*) FILTER (WHERE done)::numeric / nullif(count(*), 0), 0)`, 4)} AS "completionRate",
          coalesce(sum(revenue) FILTER (WHERE done), 0)::float8 AS "revenueCompleted",
          coalesce(sum(revenue), 0)::float8 AS "revenueAll",
          ${rounded(sql`coalesce(sum(revenue) / nullif(count(*), 0), 0)`, 2)} AS "averageOrderValue",
          count(DISTINCT customer_id)::int AS "uniqueCustomers",
          coalesce(sum(sqft) FILTER (WHERE done), 0)::float8 AS "squareFeetCompleted",
          ${rounded(sql`coalesce(sum(sqft) FILTER (WHERE done AND date_completed BETWEEN ${today} - 6 AND ${today}), 0) / 7`, 2)} AS "squareFeetCompletedDailyAvg7d",
          coalesce(sum(sqft) FILTER (WHERE NOT done), 0)::float8 AS "backlogSquareFeet",
          ${rounded(sql`coalesce(count(*) FILTER (WHERE rushed)::numeric / nullif(count(*), 0), 0)`, 4)} AS "rushShare",
          ${rounded(sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE done)`, 2)} AS "turnaroundMedianDays",
          ${rounded(sql`percentile_cont(0.9) WITHIN GROUP (ORDER BY days) FILTER (WHERE done)`, 2)} AS "turnaroundP90Days"
        FROM o`,
      )
      if (!row) throw new Error('analytics summary returned no row')
      return row
    },

    /** Orders in / completed, revenue and square feet completed for each of the last N months. One statement. */
    async trends(p: { months: number; today: string; sourceId?: number }): Promise<TrendMonth[]> {
      const m = monthWindow(todaySql(day(p.today, 'today')), int(p.months, 'months', 1, 1200))
      const f = { sourceId: p.sourceId }
      return query<TrendMonth>(
        db,
        sql`WITH m AS (${m.series}),
        ins AS (
          SELECT date_trunc('month', w.date_in::timestamp)::date AS month, count(*) AS n
          FROM work_orders w
          WHERE ${orderWhere(f, [sql`w.date_in >= ${m.start}`, sql`w.date_in < ${m.end}`])}
          GROUP BY 1),
        outs AS (
          SELECT date_trunc('month', w.date_completed::timestamp)::date AS month, count(*) AS n,
                 sum(t.revenue) AS revenue, sum(t.sqft) AS sqft
          FROM work_orders w ${orderTotalsJoin}
          WHERE ${orderWhere(f, [completed, sql`w.date_completed >= ${m.start}`, sql`w.date_completed < ${m.end}`])}
          GROUP BY 1)
        SELECT to_char(m.month, 'YYYY-MM') AS month,
          coalesce(ins.n, 0)::int AS "ordersIn",
          coalesce(outs.n, 0)::int AS "ordersCompleted",
          coalesce(outs.revenue, 0)::float8 AS revenue,
          coalesce(outs.sqft, 0)::float8 AS "squareFeet"
        FROM m LEFT JOIN ins USING (month) LEFT JOIN outs USING (month)
        ORDER BY m.month`,
      )
    },

    /** Square feet completed per day for the last N days, with a trailing 7-day average. One statement. */
    async throughput(p: { days: number; today: string; sourceId?: number }): Promise<ThroughputDay[]> {
      const today = todaySql(day(p.today, 'today'))
      const days = int(p.days, 'days', 1, 36_600)
      // Six days before the window feed the first days' averages.
      const first = sql`(${today} - ${days + 5}::int)`
      return query<ThroughputDay>(
        db,
        sql`WITH d AS (SELECT generate_series(${first}::timestamp, (${today})::timestamp, interval '1 day')::date AS day),
        outs AS (
          SELECT w.date_completed AS day, sum(t.sqft) AS sqft
          FROM work_orders w ${orderTotalsJoin}
          WHERE ${orderWhere({ sourceId: p.sourceId }, [completed, sql`w.date_completed BETWEEN ${first} AND ${today}`])}
          GROUP BY 1),
        s AS (
          SELECT d.day, coalesce(outs.sqft, 0) AS sqft,
                 sum(coalesce(outs.sqft, 0)) OVER (ORDER BY d.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS week
          FROM d LEFT JOIN outs USING (day))
        SELECT day::text AS day, sqft::float8 AS "squareFeet", ${rounded(sql`week / 7`, 2)} AS "rollingAvg7"
        FROM s WHERE day > ${first} + 5
        ORDER BY day`,
      )
    },

    /**
     * Square feet in and out per day for the last N days, and the backlog (all in − all out up to that
     * day). Reads only the window's orders and those still open at its start, not the whole history.
     */
    async backlog(p: { days: number; today: string; sourceId?: number }): Promise<BacklogDay[]> {
      const today = todaySql(day(p.today, 'today'))
      const start = sql`(${today} - ${int(p.days, 'days', 1, 36_600) - 1}::int)`
      const outBeforeStart = sql`(w.status = 'completed' AND w.date_completed IS NOT NULL AND w.date_completed < ${start})`
      return query<BacklogDay>(
        db,
        sql`WITH o AS (
          SELECT w.date_in, w.date_completed, ${completed} AS done, t.sqft
          FROM work_orders w ${orderTotalsJoin}
          WHERE ${orderWhere({ sourceId: p.sourceId }, [
            sql`((w.date_in >= ${start} AND w.date_in <= ${today}) OR (w.date_in < ${start} AND NOT ${outBeforeStart}))`,
          ])}),
        base AS (
          SELECT coalesce(sum(sqft) FILTER (WHERE date_in < ${start}), 0)
               - coalesce(sum(sqft) FILTER (WHERE done AND date_completed < ${start}), 0) AS b
          FROM o),
        ins AS (SELECT date_in AS day, sum(sqft) AS v FROM o WHERE date_in >= ${start} GROUP BY 1),
        outs AS (
          SELECT date_completed AS day, sum(sqft) AS v FROM o
          WHERE done AND date_completed BETWEEN ${start} AND ${today} GROUP BY 1),
        d AS (SELECT generate_series(${start}::timestamp, (${today})::timestamp, interval '1 day')::date AS day)
        SELECT d.day::text AS day,
          coalesce(ins.v, 0)::float8 AS "squareFeetIn",
          coalesce(outs.v, 0)::float8 AS "squareFeetOut",
          ((SELECT b FROM base) + sum(coalesce(ins.v, 0) - coalesce(outs.v, 0)) OVER (ORDER BY d.day))::float8 AS backlog
        FROM d LEFT JOIN ins USING (day) LEFT JOIN outs USING (day)
        ORDER BY d.day`,
      )
    },

    /** Revenue, item lines and orders per product type over completed orders. One statement. */
    async revenueByProduct(f: AnalyticsFilter = {}): Promise<RevenueByProduct> {
      const rows = await query<
        RevenueByProduct['products'][number] & { totalRevenue: number; totalOrders: number }
      >(
        db,
        sql`WITH done_orders AS (SELECT w.id FROM work_orders w WHERE ${orderWhere(f, [completed])}),
        i AS (
          SELECT it.work_order_id AS order_id, ${itemProduct} AS product, ${itemRevenue} AS revenue
          FROM done_orders JOIN work_order_items it ON it.work_order_id = done_orders.id),
        p AS (SELECT * FROM (VALUES ('awning', 1), ('sail', 2), ('cushion', 3)) AS v(product, pos))
        SELECT p.product, coalesce(sum(i.revenue), 0)::float8 AS revenue, count(i.order_id)::int AS items,
          count(DISTINCT i.order_id)::int AS orders,
          (SELECT coalesce(sum(revenue), 0) FROM i)::float8 AS "totalRevenue",
          (SELECT count(*) FROM done_orders)::int AS "totalOrders"
        FROM p LEFT JOIN i USING (product)
        GROUP BY p.product, p.pos
        ORDER BY p.pos`,
      )
      return {
        products: rows.map(({ product, revenue, items, orders }) => ({ product, revenue, items, orders })),
        totals: { revenue: rows[0]?.totalRevenue ?? 0, orders: rows[0]?.totalOrders ?? 0 },
      }
    },

    /** Histogram of completed orders' turnaround (days in → completed), with median and 90th percentile. */
    async turnaround(f: AnalyticsFilter & { bucketDays: number }): Promise<Turnaround> {
      const width = int(f.bucketDays, 'bucketDays', 1, 3650)
      const rows = await query<
        { median: number | null; p90: number | null } & Partial<Turnaround['buckets'][number]>
      >(
        db,
        sql`WITH t AS (
          SELECT greatest(w.date_completed - w.date_in, 0) AS days FROM work_orders w
          WHERE ${orderWhere(f, [completed, sql`w.date_completed IS NOT NULL`])}),
        b AS (SELECT days / ${width}::int AS bucket, count(*) AS n FROM t GROUP BY 1),
        s AS (SELECT generate_series(0, (SELECT max(bucket) FROM b)) AS bucket),
        st AS (
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
                 percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
          FROM t)
        SELECT ${rounded(sql`st.median`, 2)} AS median, ${rounded(sql`st.p90`, 2)} AS p90,
          (s.bucket * ${width}::int) AS "fromDays", (s.bucket * ${width}::int + ${width - 1}::int) AS "toDays",
          coalesce(b.n, 0)::int AS orders
        FROM st LEFT JOIN (s LEFT JOIN b USING (bucket)) ON true
        ORDER BY s.bucket`,
      )
      return {
        buckets: rows
          .filter((r) => r.fromDays !== null && r.fromDays !== undefined)
          .map((r) => ({ fromDays: Number(r.fromDays), toDays: Number(r.toDays), orders: Number(r.orders) })),
        median: rows[0]?.median ?? null,
        p90: rows[0]?.p90 ?? null,
      }
    },

    /** New vs returning customers per month for the last N months, and the top customers then. Two statements. */
    async customers(p: {
      months: number
      today: string
      top: number
      sourceId?: number
    }): Promise<CustomerActivity> {
      const m = monthWindow(todaySql(day(p.today, 'today')), int(p.months, 'months', 1, 1200))
      const top = int(p.top, 'top', 0, 1000)
      const inWindow = orderWhere({ sourceId: p.sourceId }, [
        sql`w.date_in >= ${m.start}`,
        sql`w.date_in < ${m.end}`,
      ])
      const [monthly, best] = await Promise.all([
        query<CustomerActivity['monthly'][number]>(
          db,
          sql`WITH m AS (${m.series}),
          act AS (
            SELECT DISTINCT date_trunc('month', w.date_in::timestamp)::date AS month, w.customer_id
            FROM work_orders w WHERE ${inWindow}),
          firsts AS (
            SELECT w.customer_id, min(w.date_in) AS first_in FROM work_orders w
            WHERE w.status <> 'cancelled' AND w.customer_id IN (SELECT customer_id FROM act)
            GROUP BY 1),
          agg AS (
            SELECT act.month, count(*) FILTER (WHERE firsts.first_in >= act.month) AS new_n,
                   count(*) FILTER (WHERE firsts.first_in < act.month) AS returning_n
            FROM act JOIN firsts USING (customer_id) GROUP BY act.month)
          SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(agg.new_n, 0)::int AS "newCustomers",
            coalesce(agg.returning_n, 0)::int AS "returningCustomers"
          FROM m LEFT JOIN agg USING (month)
          ORDER BY m.month`,
        ),
        top === 0
          ? Promise.resolve([])
          : query<CustomerActivity['top'][number]>(
              db,
              sql`SELECT c.id AS "customerId", c.customer_no AS "customerNo", c.name,
                sum(t.revenue)::float8 AS revenue, count(*)::int AS orders
              FROM work_orders w JOIN customers c ON c.id = w.customer_id ${orderTotalsJoin}
              WHERE ${inWindow}
              GROUP BY c.id
              ORDER BY 4 DESC, 5 DESC, 2
              LIMIT ${top}::int`,
            ),
      ])
      return { monthly, top: best }
    },

    /** The front page: newest orders, counts per status, queue length, rush orders due soon. One statement. */
    async dashboard(p: { today: string; dueWithinDays: number; recent: number }): Promise<Dashboard> {
      const today = todaySql(day(p.today, 'today'))
      const due = int(p.dueWithinDays, 'dueWithinDays', 0, 3650)
      const recent = int(p.recent, 'recent', 0, 1000)
      const [row] = await query<Dashboard>(
        db,
        sql`SELECT
          (SELECT coalesce(json_agg(json_build_object('workOrderNo', r.work_order_no, 'customerName', c.name,
                    'status', r.status, 'dateIn', r.date_in::text, 'total', t.revenue::float8)
                  ORDER BY r.date_in DESC, r.work_order_no DESC), '[]'::json)
           FROM (SELECT w.id, w.work_order_no, w.customer_id, w.status, w.date_in FROM work_orders w
                 WHERE w.status <> 'cancelled' ORDER BY w.date_in DESC, w.work_order_no DESC LIMIT ${recent}::int) r
           JOIN customers c ON c.id = r.customer_id
           CROSS JOIN LATERAL (SELECT coalesce(sum(${itemRevenue}), 0) AS revenue
                               FROM work_order_items it WHERE it.work_order_id = r.id) t) AS recent,
          (SELECT json_object_agg(s.status, coalesce(n.n, 0) ORDER BY s.pos)
           FROM unnest(enum_range(NULL::work_order_status)) WITH ORDINALITY AS s(status, pos)
           LEFT JOIN (SELECT status, count(*)::int AS n FROM work_orders GROUP BY status) n ON n.status = s.status
          ) AS "countsByStatus",
          (SELECT count(*)::int FROM work_orders WHERE status IN ('queued', 'in_progress')) AS "queueLength",
          (SELECT coalesce(json_agg(json_build_object('workOrderNo', w.work_order_no, 'customerName', c.name,
                    'dateRequired', w.date_required::text, 'status', w.status)
                  ORDER BY w.date_required, w.work_order_no), '[]'::json)
           FROM work_orders w JOIN customers c ON c.id = w.customer_id
           WHERE w.status NOT IN ('completed', 'cancelled') AND (w.rush OR w.firm_rush)
             AND w.date_required <= ${today} + ${due}::int) AS "rushDueSoon"`,
      )
      if (!row) throw new Error('analytics dashboard returned no row')
      return row
    },
  }
}

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>
