import { CodeField, TextField, UZOVI } from '../../common/validation.js';

export class CreateInsurerDto {
  @CodeField({ description: 'UZOVI code: 4 digits', example: '3311' }, UZOVI, '4 digits')
  uzovi: string;
  @TextField({ description: 'Name of the insurer', example: 'Zilveren Kruis' })
  name: string;
}

export class UpdateInsurerDto {
  @TextField({ description: 'Name of the insurer', example: 'Zilveren Kruis', required: false })
  name?: string;
}
