import { Body, Controller, Get, HttpException, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@sms/auth';
import { SignInRoute } from '@sms/runtime';
import { InvitationService } from './invitation.service';
import { acceptInvitationPage, invitationDonePage, linkGonePage } from './invitation.pages';

interface AcceptForm {
  name?: string;
  password?: string;
}

// The page behind the emailed link. The secret in the path is what authorises the request, so a
// forged cross-site post cannot know it.
@ApiExcludeController()
@Public()
@Controller('invitations')
export class InvitationPagesController {
  constructor(private readonly invitations: InvitationService) {}

  @Get(':secret')
  async show(@Param('secret') secret: string, @Res() res: Response): Promise<void> {
    try {
      const { invitation, existingUser } = await this.invitations.open(secret);
      send(res, 200, acceptInvitationPage({ secret, ...invitation, existingUser: existingUser !== null }));
    } catch (error) {
      sendError(res, error);
    }
  }

  @Post(':secret')
  @SignInRoute()
  async accept(
    @Param('secret') secret: string,
    @Body() body: AcceptForm,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const { accountId } = await this.invitations.accept(secret, {
        name: body.name,
        password: String(body.password ?? ''),
      });
      send(res, 200, invitationDonePage(accountId));
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() !== 410) {
        const { invitation, existingUser } = await this.invitations.open(secret);
        send(
          res,
          error.getStatus(),
          acceptInvitationPage({
            secret,
            ...invitation,
            existingUser: existingUser !== null,
            error: error.message,
          }),
        );
        return;
      }
      sendError(res, error);
    }
  }
}

function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store');
  res.send(html);
}

function sendError(res: Response, error: unknown): void {
  if (error instanceof HttpException && error.getStatus() === 410) {
    send(res, 410, linkGonePage(error.message));
    return;
  }
  throw error;
}
