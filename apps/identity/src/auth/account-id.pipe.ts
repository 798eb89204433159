import { BadRequestException, type PipeTransform } from '@nestjs/common';

// Account ids end up in events and tokens, which accept only these characters.
export class AccountIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[\w.:@-]{1,128}$/.test(value)) {
      throw new BadRequestException('accountId may contain only letters, digits and . _ : @ - (at most 128)');
    }
    return value;
  }
}
