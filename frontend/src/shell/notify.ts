import { notifications } from '@mantine/notifications';
import { toApiError } from '../api/errors';

/** notifySuccess shows a short green confirmation. */
export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 3500 });
}

/** notifyError shows what went wrong, with the server's message. */
export function notifyError(title: string, err: unknown) {
  notifications.show({ color: 'red', title, message: toApiError(err).message, autoClose: 6000 });
}
