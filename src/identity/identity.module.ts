import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessEnds } from './access-ends.js';
import { RevocationHooks } from './revocation-hooks.js';
import { SessionEntity } from './session.entity.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { UserIdentitiesService } from './user-identities.service.js';
import { UserIdentityEntity } from './user-identity.entity.js';
import { UserEntity } from './user.entity.js';
import { MeController, UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';

/** Users, their tokens, their sessions and their links to identity providers; the guard that reads them is the application's global guard. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity, UserIdentityEntity]), NursesModule, ReferenceModule],
  controllers: [UsersController, MeController, SessionsController],
  providers: [UsersService, RevocationHooks, SessionsService, UserIdentitiesService, AccessEnds],
  exports: [RevocationHooks, SessionsService, UsersService, UserIdentitiesService, AccessEnds],
})
export class IdentityModule {}
