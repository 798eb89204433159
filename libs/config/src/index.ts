export { ConfigError } from './config-error';
export { loadConfig, loadConfigOrExit } from './load-config';
export {
  authSettings,
  booleanFlag,
  brokerList,
  commonSettings,
  LOCAL_DEFAULTS,
  port,
  positiveInt,
  urlSetting,
  withLocalDefaults,
} from './settings';
