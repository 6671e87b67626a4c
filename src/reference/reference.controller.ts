import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsortiumResponse, InsurerResponse, ProviderResponse, RegionResponse } from './reference.response.js';
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
  @ApiOkResponse({ type: [InsurerResponse], description: 'All insurers, by UZOVI' })
  @Get()
  list() {
    return this.reference.listInsurers();
  }
  @ApiOkResponse({ type: InsurerResponse })
  @Get(':uzovi')
  get(@Param('uzovi') uzovi: string) {
    return this.reference.getInsurer(uzovi);
  }
  @ApiCreatedResponse({ type: InsurerResponse, description: 'The insurer as recorded' })
  @Post()
  @Roles('admin')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateInsurerDto) {
    return this.reference.createInsurer(who, dto);
  }
  @ApiOkResponse({ type: InsurerResponse, description: 'The insurer after the change' })
  @Patch(':uzovi')
  @Roles('admin')
  update(@CurrentPrincipal() who: Principal, @Param('uzovi') uzovi: string, @Body() dto: UpdateInsurerDto) {
    return this.reference.updateInsurer(who, uzovi, dto);
  }
}

@ApiTags('reference data')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/regions')
export class RegionsController {
  constructor(private readonly reference: ReferenceService) {}
  @ApiOkResponse({ type: [RegionResponse], description: 'All regions, by code' })
  @Get()
  list() {
    return this.reference.listRegions();
  }
  @ApiOkResponse({ type: RegionResponse })
  @Get(':code')
  get(@Param('code') code: string) {
    return this.reference.getRegion(code);
  }
  @ApiCreatedResponse({ type: RegionResponse, description: 'The region as recorded' })
  @Post()
  @Roles('admin')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateRegionDto) {
    return this.reference.createRegion(who, dto);
  }
  @ApiOperation({ summary: 'Update a region; a coordinator of the region may set only autoApproveOffers and coordinatorPhone' })
  @ApiOkResponse({ type: RegionResponse, description: 'The region after the change' })
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
  @ApiOkResponse({ type: [ProviderResponse], description: 'All providers, by AGB (pagingWebhookUrl only for an admin and the provider’s own users)' })
  @Get()
  list(@CurrentPrincipal() who: Principal) {
    return this.reference.listProviders(who);
  }
  @ApiOkResponse({ type: ProviderResponse, description: 'pagingWebhookUrl only for an admin and the provider’s own users' })
  @Get(':agb')
  get(@CurrentPrincipal() who: Principal, @Param('agb') agb: string) {
    return this.reference.getProvider(who, agb);
  }
  @ApiCreatedResponse({ type: ProviderResponse, description: 'The provider as recorded' })
  @Post()
  @Roles('admin')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateProviderDto) {
    return this.reference.createProvider(who, dto);
  }
  @ApiOkResponse({ type: ProviderResponse, description: 'The provider after the change' })
  @Patch(':agb')
  @Roles('admin')
  update(@CurrentPrincipal() who: Principal, @Param('agb') agb: string, @Body() dto: UpdateProviderDto) {
    return this.reference.updateProvider(who, agb, dto);
  }
}

@ApiTags('reference data')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/consortia')
export class ConsortiaController {
  constructor(private readonly reference: ReferenceService) {}
  @ApiOkResponse({ type: [ConsortiumResponse], description: 'All consortia, by name' })
  @Get()
  list() {
    return this.reference.listConsortia();
  }
  @ApiOkResponse({ type: ConsortiumResponse })
  @Get(':id')
  get(@Param('id') id: string) {
    return this.reference.getConsortium(id);
  }
  @ApiCreatedResponse({ type: ConsortiumResponse, description: 'The consortium as recorded' })
  @Post()
  @Roles('admin')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateConsortiumDto) {
    return this.reference.createConsortium(who, dto);
  }
  @ApiOkResponse({ type: ConsortiumResponse, description: 'The consortium after the change' })
  @Patch(':id')
  @Roles('admin')
  update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: UpdateConsortiumDto) {
    return this.reference.updateConsortium(who, id, dto);
  }
}
