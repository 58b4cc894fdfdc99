import nodemailer from 'nodemailer';
import { decodeHeaderValue, parseEml } from './eml';

describe('eml reader', () => {
  it('decodes encoded words, joining a character split across two of them', () => {
    // "é" is C3 A9 in UTF-8, split over two adjacent words.
    expect(decodeHeaderValue('=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9_noir?= ok')).toBe('café noir ok');
    expect(decodeHeaderValue('=?utf-8?B?2YXYsdit2KjZi9in?=')).toBe('مرحبًا');
    expect(decodeHeaderValue('plain')).toBe('plain');
  });

  it('reads back the text and HTML parts of a message nodemailer wrote', async () => {
    const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const subject = 'إعادة تعيين كلمة المرور في Globex Mentors — un sujet très long. '
      .repeat(3)
      .trim();
    const info = await composer.sendMail({
      from: { name: 'Globex Mentors', address: 'no-reply@example.org' },
      to: 'omar@example.org',
      subject,
      text: 'مرحبًا،\nhttps://globex.example/reset?token=abc=def\n'.repeat(20),
      html: '<p dir="rtl">مرحبًا</p>',
    });
    const mail = parseEml(info.message as Buffer);
    expect(mail.headers.subject).toBe(subject);
    expect(mail.headers.to).toBe('omar@example.org');
    expect(mail.text).toBe('مرحبًا،\nhttps://globex.example/reset?token=abc=def\n'.repeat(20));
    expect(mail.html).toBe('<p dir="rtl">مرحبًا</p>');
  });
});
