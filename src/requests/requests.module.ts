import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { OnCallModule } from '../on-call/on-call.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { PagesStream } from './pages-stream.js';
import { ReferralPages } from './referral-pages.js';
import { RequestPageEntity, RequestEntity } from './request.entities.js';
import { MyPagesController, RequestsController } from './requests.controller.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { PageLinkEntity } from './page-link.entity.js';
import { PageLinksController } from './page-links.controller.js';

/** Acute requests: paging the nurses on duty, escalation, answers and response figures. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RequestEntity, RequestPageEntity, PageLinkEntity]),
    OnCallModule,
    ReferenceModule,
    DeliveryModule,
    ContractsModule,
    IdentityModule,
    NursesModule,
  ],
  controllers: [RequestsController, MyPagesController, PageLinksController],
  providers: [RequestsService, RequestsRepository, PagesStream, ReferralPages],
  exports: [RequestsService, ReferralPages],
})
export class RequestsModule {}
