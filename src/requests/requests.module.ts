import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { OnCallModule } from '../on-call/on-call.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { PagesStream } from './pages-stream.js';
import { RequestPageEntity, RequestEntity } from './request.entities.js';
import { MyPagesController, RequestsController } from './requests.controller.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';
import { ContractsModule } from '../contracts/contracts.module.js';

/** Acute requests: paging the nurses on duty, escalation, answers and response figures. */
@Module({
  imports: [TypeOrmModule.forFeature([RequestEntity, RequestPageEntity]), OnCallModule, ReferenceModule, DeliveryModule, ContractsModule, IdentityModule],
  controllers: [RequestsController, MyPagesController],
  providers: [RequestsService, RequestsRepository, PagesStream],
  exports: [RequestsService],
})
export class RequestsModule {}
