import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevocationHooks } from './revocation-hooks.js';
import { UserEntity } from './user.entity.js';
import { MeController, UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Users and their tokens; the guard that reads them is the application's global guard. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController, MeController],
  providers: [UsersService, RevocationHooks],
  exports: [RevocationHooks],
})
export class IdentityModule {}
