import { escapeHtml, noEscape, renderTemplate, TemplateError } from './template-engine';

describe(renderTemplate.name, () => {
  it('escapes HTML in values when given the HTML escaper', () => {
    const html = renderTemplate('<p>{{name}}</p>', { name: '<script>alert("x")</script> & co' }, escapeHtml);
    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>');
  });

  it('leaves values as they are in plain text', () => {
    expect(renderTemplate('Hi {{ name }}', { name: '<Ann & Bob>' }, noEscape)).toBe('Hi <Ann & Bob>');
  });

  it('shows a section when its value is truthy and the else branch otherwise', () => {
    const template = '{{#if left}}about {{left}}{{else}}unknown{{/if}}';
    expect(renderTemplate(template, { left: '1,316' }, noEscape)).toBe('about 1,316');
    expect(renderTemplate(template, { left: null }, noEscape)).toBe('unknown');
    expect(renderTemplate(template, { left: false }, noEscape)).toBe('unknown');
  });

  it('renders a null value as nothing', () => {
    expect(renderTemplate('[{{x}}]', { x: null }, noEscape)).toBe('[]');
  });

  it('fails on a value the model does not provide, so template typos are caught', () => {
    expect(() => renderTemplate('{{balnce}}', { balance: '1' }, noEscape)).toThrow(TemplateError);
  });

  it('fails on a nested or unclosed section', () => {
    expect(() => renderTemplate('{{#if a}}x', { a: true }, noEscape)).toThrow(TemplateError);
  });
});
