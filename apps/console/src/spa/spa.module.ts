import { DynamicModule, Module } from '@nestjs/common';
import { SPA_DIR } from './spa-dir';
import { SpaController } from './spa.controller';

@Module({})
export class SpaModule {
  static forRoot(dir: string): DynamicModule {
    return {
      module: SpaModule,
      controllers: [SpaController],
      providers: [{ provide: SPA_DIR, useValue: dir }],
    };
  }
}
