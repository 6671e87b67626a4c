import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module.js';
import { CoverageController } from './coverage.controller.js';
import { CoverageService } from './coverage.service.js';
import { ContractsModule } from '../contracts/contracts.module.js';

/** Covered position-minutes per contract and month (read only). */
@Module({ imports: [ReferenceModule, ContractsModule], controllers: [CoverageController], providers: [CoverageService] })
export class CoverageModule {}
