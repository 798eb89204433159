import { Migration } from '@mikro-orm/migrations';

// Signed-in sessions of the console. The key is a SHA-256 of the cookie value, so a copy of this
// table does not let anyone act as the people in it; the tokens stay on the server.
export class ConsoleSessionsMigration extends Migration {
  override up(): void {
    this.addSql(`create table console.session (
      id_hash text primary key,
      data jsonb not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create index session_expires_at_idx on console.session (expires_at)');
  }
}
