import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { readIdentityConfig } from './config/identity.config';
import { IdentityAdminModule } from './identity-admin.module';
import { SigningKeyService } from './keys/signing-key.service';
import { UserService } from './users/user.service';
import { passwordProblem } from './users/password';

const USAGE = `Usage: node dist/apps/identity/src/cli.js <command> [options]

Commands:
  create-operator --email <email> --name <name>   password from IDENTITY_OPERATOR_PASSWORD
  rotate-keys                                      new signing key; the old one stays published
                                                   until its tokens expired

Reads the same settings as the identity service (DATABASE_URL, …).`;

// Operator commands against the identity schema, for the first operator of a new installation and
// for key rotation without a token.
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  const [command] = positionals;
  if (command !== 'create-operator' && command !== 'rotate-keys') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const env = process.env;
  const config = readIdentityConfig(env);
  const app = await NestFactory.createApplicationContext(IdentityAdminModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    if (command === 'rotate-keys') {
      const result = await app.get(SigningKeyService).rotate();
      process.stdout.write(`new signing key ${result.kid}; retired ${result.retired.join(', ') || 'none'}\n`);
      return 0;
    }
    const password = env.IDENTITY_OPERATOR_PASSWORD ?? '';
    if (!values.email || !values.name) {
      process.stderr.write(`--email and --name are required\n${USAGE}\n`);
      return 2;
    }
    const problem = passwordProblem(password, { email: values.email });
    if (problem !== undefined) {
      process.stderr.write(`IDENTITY_OPERATOR_PASSWORD: ${problem}\n`);
      return 2;
    }
    const users = app.get(UserService);
    const user =
      (await users.findByEmail(values.email)) ??
      (await users.create({ email: values.email, name: values.name, password }));
    await users.makeOperator(user.id);
    process.stdout.write(`operator ${user.email} (${user.id})\n`);
    return 0;
  } finally {
    await app.close();
  }
}

void main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
