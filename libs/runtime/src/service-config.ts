import type { z } from 'zod';
import type { commonSettings } from '@sms/config';

type CommonShape = ReturnType<typeof commonSettings>;

// The settings every service has, whatever else its own config adds.
export type ServiceConfig = z.output<z.ZodObject<CommonShape>>;
