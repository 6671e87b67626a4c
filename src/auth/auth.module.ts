import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { SignInLinkEntity } from './sign-in-link.entity.js';
import { NurseSignInLinksController } from './nurse-sign-in-links.controller.js';
import { SignInLinksController } from './sign-in-links.controller.js';
import { SignInLinksService } from './sign-in-links.service.js';
import { SignInController } from './sign-in.controller.js';

/** How people sign in: identity providers (OpenID Connect) and one-time links; sessions themselves live in identity. */
@Module({
  imports: [TypeOrmModule.forFeature([SignInLinkEntity]), IdentityModule, NursesModule],
  controllers: [SignInController, SignInLinksController, NurseSignInLinksController],
  providers: [OidcSignInService, SignInLinksService],
})
export class AuthModule {}
