import type { z } from 'zod';
import type { commonSettings } from '@sms/config';

type CommonShape = ReturnType<typeof commonSettings>;

// The settings every service has, whatever else its own config adds (optional ones stay optional).
export type ServiceConfig = z.infer<z.ZodObject<CommonShape>>;
