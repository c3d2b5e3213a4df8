import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Remove … from … ’s record?": the confirmation before a person is unlinked from a child. */
export class RemovePersonPage extends ServicePage {
  static readonly address = '/children/[^/]+/people/[^/]+/remove';

  readonly navigation = new StaffNavigation(this.page);

  async confirm(): Promise<ChildRecordPage> {
    await this.page.getByRole('button', { name: 'Remove from the record' }).click();
    return ChildRecordPage.arrive(this.page);
  }
}
