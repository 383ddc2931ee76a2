import type { Database, SqlSession } from '../../src/db/index.js'

/** A comparable description of the public schema: tables, columns, indexes, constraints, enums, sequences. */
export async function dumpSchema(database: Database): Promise<string[]> {
  return database.withSession(async (s: SqlSession) => {
    const parts: string[] = []
    const add = async (label: string, query: string) => {
      const rows = await s.query<Record<string, unknown>>(query)
      for (const r of rows) parts.push(`${label} ${Object.values(r).join(' | ')}`)
    }
    await add(
      'column',
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, column_name`,
    )
    await add(
      'index',
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY indexname`,
    )
    await add(
      'constraint',
      `SELECT conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND conrelid <> 'schema_migrations'::regclass ORDER BY conname`,
    )
    await add(
      'enum',
      `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY t.typname`,
    )
    await add(
      'sequence',
      `SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1`,
    )
    return parts
  })
}

export async function publicTables(database: Database): Promise<string[]> {
  return database.withSession(async (s) => {
    const rows = await s.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    )
    return rows.map((r) => r.table_name)
  })
}
