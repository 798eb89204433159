import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@sms/auth';
import { SignInRoute } from '@sms/runtime';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import { MemberService } from '../members/member.service';
import { UserService } from '../users/user.service';
import { accountOptions, type AccountOption } from './account-choice';
import { formTokenValid } from './form-token';
import { InteractionGrantService } from './interaction-grant.service';
import { chooseAccountPage, loginPage, noAccessPage } from './sign-in.pages';
import { SignInService } from './sign-in.service';

interface LoginForm {
  email?: string;
  password?: string;
  csrf?: string;
}

interface AccountForm {
  accountId?: string;
  csrf?: string;
}

// The pages oidc-provider sends people to while they sign in (its "interactions"): the login form,
// then, for people with several accounts, the choice of which account the tokens act for.
@ApiExcludeController()
@Public()
@Controller('interaction')
export class InteractionController {
  constructor(
    private readonly host: OidcProviderHost,
    private readonly signIn: SignInService,
    private readonly users: UserService,
    private readonly members: MemberService,
    private readonly grants: InteractionGrantService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Get(':uid')
  async show(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const details = await this.host.provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      this.html(res, 200, loginPage({ uid: details.uid, key: this.cookieKey }));
      return;
    }
    const userId = String(details.session?.accountId ?? '');
    const options = await this.optionsFor(userId);
    if (options.length === 0) {
      this.html(res, 403, noAccessPage());
      return;
    }
    if (options.length === 1) {
      await this.grants.finish({ req, res, details, userId, choice: options[0] });
      return;
    }
    this.html(res, 200, chooseAccountPage({ uid: details.uid, key: this.cookieKey, options }));
  }

  @Post(':uid/login')
  @SignInRoute()
  async login(@Body() body: LoginForm, @Req() req: Request, @Res() res: Response): Promise<void> {
    const details = await this.host.provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login' || !formTokenValid(this.cookieKey, details.uid, body.csrf)) {
      this.html(
        res,
        400,
        loginPage({ uid: details.uid, key: this.cookieKey, error: 'The form expired. Please try again.' }),
      );
      return;
    }
    const email = String(body.email ?? '');
    const result = await this.signIn.signIn({
      email,
      password: String(body.password ?? ''),
      ip: req.ip ?? 'unknown',
    });
    if (result.outcome === 'locked') {
      res.setHeader('Retry-After', String(result.retryAfterSeconds));
      this.html(
        res,
        429,
        loginPage({
          uid: details.uid,
          key: this.cookieKey,
          email,
          error: `Too many failed attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minute(s), or reset your password.`,
        }),
      );
      return;
    }
    if (result.outcome === 'invalid') {
      this.html(
        res,
        401,
        loginPage({ uid: details.uid, key: this.cookieKey, email, error: 'Wrong email or password.' }),
      );
      return;
    }
    await this.host.provider.interactionFinished(
      req,
      res,
      { login: { accountId: result.user.id } },
      { mergeWithLastSubmission: false },
    );
  }

  @Post(':uid/account')
  async chooseAccount(@Body() body: AccountForm, @Req() req: Request, @Res() res: Response): Promise<void> {
    const details = await this.host.provider.interactionDetails(req, res);
    const userId = String(details.session?.accountId ?? '');
    const options = await this.optionsFor(userId);
    const choice = options.find((option) => option.accountId === body.accountId);
    if (
      details.prompt.name !== 'consent' ||
      !formTokenValid(this.cookieKey, details.uid, body.csrf) ||
      !choice
    ) {
      this.html(
        res,
        400,
        chooseAccountPage({
          uid: details.uid,
          key: this.cookieKey,
          options,
          error: 'Choose one of your accounts.',
        }),
      );
      return;
    }
    await this.grants.finish({ req, res, details, userId, choice });
  }

  @Get(':uid/abort')
  async abort(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.host.provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person cancelled signing in' },
      { mergeWithLastSubmission: false },
    );
  }

  private get cookieKey(): string {
    return this.config.IDENTITY_COOKIE_KEYS[0];
  }

  private async optionsFor(userId: string): Promise<AccountOption[]> {
    if (userId === '') {
      return [];
    }
    const [memberships, operator] = await Promise.all([
      this.members.memberships(userId),
      this.users.isOperator(userId),
    ]);
    return accountOptions({ memberships, operator });
  }

  private html(res: Response, status: number, body: string): void {
    res.status(status).type('html').setHeader('Cache-Control', 'no-store');
    res.send(body);
  }
}
