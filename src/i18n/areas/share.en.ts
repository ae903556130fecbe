/** English strings of share links and project files. */
export const shareEn = {
  share: {
    error: {
      tooLong:
        'This link is too long (over {{max}} characters). Ask for a shorter link or a project file.',
      malformed: 'This is not a Fitlab link, or it was cut off. Copy the whole link and try again.',
      corrupt:
        'This link is damaged: part of it is missing or was changed. Ask for the link again.',
      tooLarge:
        'This link unpacks to more than {{max}} bytes, which no Fitlab project needs. It was not opened.',
      newerVersion:
        'This link was made by a newer Fitlab (format {{version}}). Reload the page to update, then open it again.',
      invalid:
        'This link holds a setting Fitlab does not understand ({{path}}). Nothing was changed.',
    },
  },
} as const;
