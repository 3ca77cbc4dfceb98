import type { TFunction } from 'i18next';

/** Entity names come from the HIS profile; unknown ones are shown as the server names them. */
export const entityLabel = (t: TFunction, entity: string): string => t(`sync.entity.${entity}`, { defaultValue: entity });
