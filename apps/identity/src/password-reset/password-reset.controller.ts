import { Body, Controller, Get, HttpException, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@sms/auth';
import { SignInRoute } from '@sms/runtime';
import { linkGonePage } from '../invitations/invitation.pages';
import {
  chooseNewPasswordPage,
  passwordChangedPage,
  requestResetPage,
  resetRequestedPage,
} from './password-reset.pages';
import { PasswordResetService } from './password-reset.service';

const GONE = 'This password reset link is no longer valid. Ask for a new one.';

// Pages for resetting a forgotten password. The emailed secret in the path authorises the change.
@ApiExcludeController()
@Public()
@Controller('password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Get()
  form(@Res() res: Response): void {
    send(res, 200, requestResetPage());
  }

  @Post()
  @SignInRoute()
  async request(@Body() body: { email?: unknown }, @Res() res: Response): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) {
      send(res, 400, requestResetPage('Please enter a valid email address.'));
      return;
    }
    await this.resets.request(email);
    send(res, 200, resetRequestedPage());
  }

  @Get(':secret')
  async show(@Param('secret') secret: string, @Res() res: Response): Promise<void> {
    if (!(await this.resets.isUsable(secret))) {
      send(res, 410, linkGonePage(GONE));
      return;
    }
    send(res, 200, chooseNewPasswordPage(secret));
  }

  @Post(':secret')
  @SignInRoute()
  async complete(
    @Param('secret') secret: string,
    @Body() body: { password?: unknown },
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.resets.complete(secret, typeof body.password === 'string' ? body.password : '');
      send(res, 200, passwordChangedPage());
    } catch (error) {
      if (!(error instanceof HttpException)) {
        throw error;
      }
      const status = error.getStatus();
      send(res, status, status === 410 ? linkGonePage(GONE) : chooseNewPasswordPage(secret, error.message));
    }
  }
}

function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store');
  res.send(html);
}
