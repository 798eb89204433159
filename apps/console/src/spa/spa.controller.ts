import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
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

  @Get('{*path}')
  page(@Param('path') path: string[] | undefined, @Res() response: Response): void {
    // A missing file (an old asset name, a typo) is a 404, not the app.
    if (
      path !== undefined &&
      path.length > 0 &&
      (path[0] === 'assets' || path[path.length - 1].includes('.'))
    ) {
      response.status(404).json(new NotFoundException().getResponse());
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(join(this.dir, 'index.html'), (error) => {
      if (error !== undefined && !response.headersSent) {
        response.status(404).json(new NotFoundException('The console has not been built').getResponse());
      }
    });
  }
}
