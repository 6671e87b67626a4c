import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevocationHooks } from './revocation-hooks.js';
import { SessionEntity } from './session.entity.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { UserEntity } from './user.entity.js';
import { MeController, UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';

/** Users, their tokens and their sessions; the guard that reads them is the application's global guard. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity]), NursesModule, ReferenceModule],
  controllers: [UsersController, MeController, SessionsController],
  providers: [UsersService, RevocationHooks, SessionsService],
  exports: [RevocationHooks, SessionsService, UsersService],
})
export class IdentityModule {}
