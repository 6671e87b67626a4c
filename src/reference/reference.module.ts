import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { ConsortiaController, InsurersController, ProvidersController, RegionsController } from './reference.controller.js';
import { ConsortiumEntity, InsurerEntity, ProviderEntity, RegionEntity } from './reference.entities.js';
import { ReferenceService } from './reference.service.js';
import { ProviderMembership } from './provider-membership.js';
import { RegionZones } from './region-zones.service.js';

/** Insurers, regions (with their time zones), providers and consortia. */
@Module({
  imports: [TypeOrmModule.forFeature([InsurerEntity, RegionEntity, ProviderEntity, ConsortiumEntity]), DeliveryModule],
  controllers: [InsurersController, RegionsController, ProvidersController, ConsortiaController],
  providers: [ReferenceService, RegionZones, ProviderMembership],
  exports: [ReferenceService, RegionZones, ProviderMembership],
})
export class ReferenceModule {}
