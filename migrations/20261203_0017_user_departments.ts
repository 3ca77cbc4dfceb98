import type { Knex } from 'knex';

// Which departments a head (科主任 / 护士长) answers for: her statistics cover these only.
// A head with no row sees no figures; admins see every department without rows here.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_departments', (t) => {
    t.integer('user_id').notNullable().references('users.id');
    t.integer('dept_id').notNullable().references('departments.id');
    t.primary(['user_id', 'dept_id']);
    t.index(['dept_id'], 'user_departments_dept');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_departments');
}
