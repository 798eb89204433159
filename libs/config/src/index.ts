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
  kafkaSecuritySettings,
  LOCAL_DEFAULTS,
  port,
  positiveInt,
  urlSetting,
  withLocalDefaults,
} from './settings';
