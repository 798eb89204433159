import { Migration } from '@mikro-orm/migrations';

// The identity schema: people, their memberships of credit accounts, invitations, machine clients,
// the keys that sign tokens, and the OpenID provider's own records (sessions, grants, codes…).
// Secrets are never stored: invitation and reset links, client secrets are kept as SHA-256 hashes
// (they are 256-bit random values, so a fast hash is enough), passwords as argon2id hashes.
export class IdentityTablesMigration extends Migration {
  override up(): void {
    this.addSql(`create table identity.app_user (
      id text primary key,
      email text not null,
      name text not null,
      password_hash text null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint app_user_email_lowercase check (email = lower(email)),
      constraint app_user_email_unique unique (email)
    )`);

    this.addSql(`create table identity.platform_operator (
      user_id text primary key references identity.app_user (id) on delete cascade,
      created_at timestamptz not null default now()
    )`);

    this.addSql(`create table identity.membership (
      user_id text not null references identity.app_user (id) on delete cascade,
      account_id text not null,
      role text not null check (role in ('owner', 'admin', 'billing', 'member')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (user_id, account_id)
    )`);
    this.addSql('create index membership_by_account on identity.membership (account_id, role)');

    this.addSql(`create table identity.invitation (
      id text primary key,
      account_id text not null,
      email text not null check (email = lower(email)),
      role text not null check (role in ('owner', 'admin', 'billing', 'member')),
      token_hash text not null unique,
      invited_by text not null,
      expires_at timestamptz not null,
      accepted_at timestamptz null,
      revoked_at timestamptz null,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index invitation_by_account on identity.invitation (account_id, created_at)');

    this.addSql(`create table identity.password_reset (
      token_hash text primary key,
      user_id text not null references identity.app_user (id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz null,
      created_at timestamptz not null default now()
    )`);

    this.addSql(`create table identity.sign_in_throttle (
      key text primary key,
      failures integer not null,
      last_failure_at timestamptz not null,
      locked_until timestamptz null,
      updated_at timestamptz not null default now()
    )`);

    this.addSql(`create table identity.machine_client (
      client_id text primary key,
      account_id text not null,
      name text not null,
      role text not null default 'gateway' check (role in ('gateway')),
      secret_hash text not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz null
    )`);
    this.addSql('create index machine_client_by_account on identity.machine_client (account_id, created_at)');

    this.addSql(`create table identity.signing_key (
      kid text primary key,
      alg text not null,
      private_jwk jsonb not null,
      public_jwk jsonb not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz null
    )`);

    // Which credit account a person chose when signing in: every token of that grant acts for it.
    this.addSql(`create table identity.grant_account (
      grant_id text primary key,
      user_id text not null,
      account_id text not null,
      operator boolean not null default false,
      expires_at timestamptz not null
    )`);

    // Storage for oidc-provider's models (sessions, interactions, grants, codes, refresh tokens).
    this.addSql(`create table identity.oidc_record (
      model text not null,
      id text not null,
      payload jsonb not null,
      grant_id text null,
      uid text null,
      user_code text null,
      expires_at timestamptz null,
      consumed_at timestamptz null,
      primary key (model, id)
    )`);
    this.addSql(
      'create index oidc_record_by_grant on identity.oidc_record (grant_id) where grant_id is not null',
    );
    this.addSql('create index oidc_record_by_uid on identity.oidc_record (uid) where uid is not null');
    this.addSql('create index oidc_record_by_expiry on identity.oidc_record (expires_at)');
  }
}
