import { Controller, Get, Inject, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { SPA_DIR } from './spa-dir';

// Every other GET is a page of the single-page app: index.html, whose router shows the page. Paths
// under /api, /auth, /bff and /health are answered by their own controllers before this one.
@ApiExcludeController()
@Controller()
export class SpaController {
  constructor(@Inject(SPA_DIR) private readonly dir: string) {}

  @Get('*path')
  page(@Res() response: Response): void {
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(join(this.dir, 'index.html'), (error) => {
      if (error !== undefined && !response.headersSent) {
        response.status(404).json(new NotFoundException('The console has not been built').getResponse());
      }
    });
  }
}
