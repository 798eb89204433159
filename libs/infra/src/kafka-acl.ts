import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';
import { kafkaGrants, type KafkaGrant } from '@sms/contracts';
import { KAFKA_ADMIN, saslFor, type KafkaCredentials } from './kafka-credentials';

const OPERATIONS = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  create: AclOperationTypes.CREATE,
} as const;

/**
 * Gives every principal exactly the access the catalogue describes under one topic prefix (one
 * environment, or one test file), as literal ACLs (prefixed where a grant says so). Creating an ACL that exists is a no-op, so this is
 * safe to run at every start.
 */
export async function grantKafkaAccess(options: {
  brokers: string;
  credentials: KafkaCredentials;
  topicPrefix: string;
}): Promise<number> {
  const acl = kafkaGrants({ topicPrefix: options.topicPrefix }).map(toAclEntry);
  const admin = new Kafka({
    clientId: 'sms-infra-acl',
    brokers: options.brokers.split(','),
    sasl: saslFor(options.credentials, KAFKA_ADMIN),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl });
  } finally {
    await admin.disconnect();
  }
  return acl.length;
}

function toAclEntry(grant: KafkaGrant): AclEntry {
  return {
    resourceType: grant.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: grant.name,
    resourcePatternType:
      grant.pattern === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    principal: `User:${grant.principal}`,
    host: '*',
    operation: OPERATIONS[grant.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}
