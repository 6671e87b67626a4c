import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module.js';
import { OnCallController } from './on-call.controller.js';
import { OnCallService } from './on-call.service.js';

/** Who is on call for a function in a region at an instant (read only). */
@Module({ imports: [ReferenceModule], controllers: [OnCallController], providers: [OnCallService], exports: [OnCallService] })
export class OnCallModule {}
