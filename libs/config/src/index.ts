export { ConfigError } from './config-error';
export { loadConfig, loadConfigOrExit } from './load-config';
export {
  authSettings,
  booleanFlag,
  brokerList,
  commonSettings,
  crossSettingProblems,
  KAFKA_SASL_MECHANISMS,
  kafkaClientSettings,
  kafkaConsumerSettings,
  kafkaSecuritySettings,
  LOCAL_DEFAULTS,
  port,
  positiveInt,
  urlSetting,
  withLocalDefaults,
} from './settings';
export { PRODUCTION_REFUSALS, productionRefusals } from './production-refusals';
export type { ProductionRefusal } from './production-refusals';
