import { parseArgs } from 'node:util';

import { isRole, type Role, ROLES, signToken, type TokenExpiry } from '@sms/auth';

// Must match the default the apps' config uses for local runs, or the printed token will be rejected.
const LOCAL_DEFAULT_SECRET = 'local-dev-secret-change-me';
const DEFAULT_EXPIRY = '12h';
const EXPIRY_PATTERN = /^\d+(\.\d+)?\s*(ms|s|m|h|d|w|y)?$/i;

const USAGE = `Usage: npm run token -- --account <accountId> --role <role> [options]

Prints a signed bearer token (HS256) for calling the local services.

Required:
  --account <id>      account the token is scoped to, e.g. acc_demo
  --role <role>       one of: ${ROLES.join(', ')}

Options:
  --subject <sub>     user id or email (default: dev@example.com)
  --expires <span>    lifetime such as 30m, 12h, 7d or seconds (default: ${DEFAULT_EXPIRY})
  --secret <secret>   signing secret (default: $JWT_SECRET, else the local default)
  --issuer <iss>      iss claim, when the services are configured with one
  --audience <aud>    aud claim, when the services are configured with one
  -h, --help          show this message`;

class UsageError extends Error {}

interface TokenArgs {
  account: string;
  role: Role;
  subject: string;
  expires: TokenExpiry;
  secret: string;
  issuer?: string;
  audience?: string;
}

function readOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        account: { type: 'string' },
        role: { type: 'string' },
        subject: { type: 'string', default: 'dev@example.com' },
        expires: { type: 'string', default: DEFAULT_EXPIRY },
        secret: { type: 'string' },
        issuer: { type: 'string' },
        audience: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parse(argv: string[]): TokenArgs | 'help' {
  const { account, role, subject, expires, secret, issuer, audience, help } = readOptions(argv);
  if (help) {
    return 'help';
  }

  if (!account) {
    throw new UsageError('--account is required');
  }
  if (!role) {
    throw new UsageError('--role is required');
  }
  if (!isRole(role)) {
    throw new UsageError(`Unknown role "${role}"; valid roles: ${ROLES.join(', ')}`);
  }
  if (!EXPIRY_PATTERN.test(expires)) {
    throw new UsageError(`Invalid --expires "${expires}"; use e.g. 30m, 12h, 7d or a number of seconds`);
  }
  const signingSecret = secret ?? process.env.JWT_SECRET ?? LOCAL_DEFAULT_SECRET;
  if (signingSecret === '') {
    throw new UsageError('The signing secret must not be empty');
  }

  return {
    account,
    role,
    subject,
    // A bare number means seconds to jsonwebtoken, whereas a numeric string would mean milliseconds.
    expires: /^\d+$/.test(expires) ? Number(expires) : (expires as TokenExpiry),
    secret: signingSecret,
    issuer,
    audience,
  };
}

function main(argv: string[]): number {
  let args: TokenArgs | 'help';
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const token = signToken({
    secret: args.secret,
    subject: args.subject,
    accountId: args.account,
    role: args.role,
    expiresIn: args.expires,
    issuer: args.issuer,
    audience: args.audience,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
