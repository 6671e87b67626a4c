import { AGB, CodeField, TextField } from '../../common/validation.js';

export class CreateProviderDto {
  @CodeField({ description: 'AGB code of the provider: 8 digits', example: '75123456' }, AGB, '8 digits')
  agb: string;
  @TextField({ description: 'Name of the provider', example: 'Buurtzorg Amstel' })
  name: string;
}

export class UpdateProviderDto {
  @TextField({ description: 'Name of the provider', example: 'Buurtzorg Amstel', required: false })
  name?: string;
}
