import type { Knex } from 'knex';

// The audit log becomes append-only and hash-chained. Rows are written as before; a sealer
// (src/main/auth/audit-sealer.ts) appends one seal per row, in the order it finds them:
// hash = sha256(prev_hash, the row's columns). Triggers refuse UPDATE and DELETE on both tables;
// someone with the owner's rights can drop them, and `followup audit verify` then names the
// edited or deleted row. No foreign key from a seal to its row: a deleted row must leave its
// seal behind to be found.

const TABLES = ['audit_log', 'audit_seal'] as const;
const isPg = (knex: Knex) => /^(pg|postgres)/.test(String(knex.client.config.client));
const REFUSAL = '审计日志只能追加，不能修改或删除 (the audit log is append-only: rows cannot be changed or deleted)';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_seal', (t) => {
    t.integer('seq').primary();
    t.integer('audit_id').notNullable().unique();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.string('sealed_at', 19).notNullable();
  });
  if (isPg(knex)) {
    await knex.raw(`create function audit_append_only() returns trigger language plpgsql as $$
      begin raise exception '${REFUSAL}' using errcode = 'insufficient_privilege'; end $$`);
    for (const table of TABLES) {
      await knex.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute procedure audit_append_only()`);
      await knex.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute procedure audit_append_only()`);
    }
  } else {
    for (const table of TABLES)
      for (const op of ['update', 'delete'])
        await knex.raw(`create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${REFUSAL}'); end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    for (const table of TABLES) {
      await knex.raw(`drop trigger if exists ${table}_append_only on ${table}`);
      await knex.raw(`drop trigger if exists ${table}_no_truncate on ${table}`);
    }
    await knex.raw('drop function if exists audit_append_only()');
  } else {
    for (const table of TABLES) for (const op of ['update', 'delete']) await knex.raw(`drop trigger if exists ${table}_no_${op}`);
  }
  await knex.schema.dropTable('audit_seal');
}
