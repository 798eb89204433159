import { Migration } from '@mikro-orm/migrations';

// Signing keys' private halves move to an encrypted column. SQL cannot encrypt them (the
// key-encryption key is a setting, not in the database), so the service seals every key still in
// `private_jwk` at its next start and empties that column; every row holds exactly one of the two.
export class SealedSigningKeysMigration extends Migration {
  override up(): void {
    this.addSql('alter table identity.signing_key add column private_key_sealed text null');
    this.addSql('alter table identity.signing_key alter column private_jwk drop not null');
    this.addSql(`alter table identity.signing_key add constraint signing_key_private_once
      check ((private_jwk is null) <> (private_key_sealed is null))`);
    // Ending a person's sessions looks their oidc-provider records up by the person's id.
    this.addSql("create index oidc_record_by_account on identity.oidc_record ((payload->>'accountId'))");
  }
}
