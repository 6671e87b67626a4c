import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { ReferenceService } from './reference.service.js';
import { CreateInsurerDto, UpdateInsurerDto } from './dto/create-insurer.dto.js';
import { CreateRegionDto, UpdateRegionDto } from './dto/create-region.dto.js';
import { CreateProviderDto, UpdateProviderDto } from './dto/create-provider.dto.js';
import { CreateConsortiumDto, UpdateConsortiumDto } from './dto/create-consortium.dto.js';

@ApiTags('reference data')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/insurers')
export class InsurersController {
  constructor(private readonly reference: ReferenceService) {}
  @Get() list() {
    return this.reference.listInsurers();
  }
  @Get(':uzovi') get(@Param('uzovi') uzovi: string) {
    return this.reference.getInsurer(uzovi);
  }
  @Post() @Roles('admin') create(@CurrentPrincipal() who: Principal, @Body() dto: CreateInsurerDto) {
    return this.reference.createInsurer(who, dto);
  }
  @Patch(':uzovi') @Roles('admin') update(@CurrentPrincipal() who: Principal, @Param('uzovi') uzovi: string, @Body() dto: UpdateInsurerDto) {
    return this.reference.updateInsurer(who, uzovi, dto);
  }
}

@ApiTags('reference data')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/regions')
export class RegionsController {
  constructor(private readonly reference: ReferenceService) {}
  @Get() list() {
    return this.reference.listRegions();
  }
  @Get(':code') get(@Param('code') code: string) {
    return this.reference.getRegion(code);
  }
  @Post() @Roles('admin') create(@CurrentPrincipal() who: Principal, @Body() dto: CreateRegionDto) {
    return this.reference.createRegion(who, dto);
  }
  @ApiOperation({ summary: 'Update a region; a coordinator of the region may set only autoApproveOffers' })
  @Patch(':code')
  @Roles('admin', 'coordinator')
  update(@CurrentPrincipal() who: Principal, @Param('code') code: string, @Body() dto: UpdateRegionDto) {
    return this.reference.updateRegion(who, code, dto);
  }
}

@ApiTags('reference data')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/providers')
export class ProvidersController {
  constructor(private readonly reference: ReferenceService) {}
  @Get() list() {
    return this.reference.listProviders();
  }
  @Get(':agb') get(@Param('agb') agb: string) {
    return this.reference.getProvider(agb);
  }
  @Post() @Roles('admin') create(@CurrentPrincipal() who: Principal, @Body() dto: CreateProviderDto) {
    return this.reference.createProvider(who, dto);
  }
  @Patch(':agb') @Roles('admin') update(@CurrentPrincipal() who: Principal, @Param('agb') agb: string, @Body() dto: UpdateProviderDto) {
    return this.reference.updateProvider(who, agb, dto);
  }
}

@ApiTags('reference data')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/consortia')
export class ConsortiaController {
  constructor(private readonly reference: ReferenceService) {}
  @Get() list() {
    return this.reference.listConsortia();
  }
  @Get(':id') get(@Param('id') id: string) {
    return this.reference.getConsortium(id);
  }
  @Post() @Roles('admin') create(@CurrentPrincipal() who: Principal, @Body() dto: CreateConsortiumDto) {
    return this.reference.createConsortium(who, dto);
  }
  @Patch(':id') @Roles('admin') update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: UpdateConsortiumDto) {
    return this.reference.updateConsortium(who, id, dto);
  }
}
