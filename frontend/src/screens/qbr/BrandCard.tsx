import { useEffect, useState } from 'react';
import { Box, Button, Card, ColorInput, FileButton, Group, Image, Input, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPhotoUp, IconPresentationAnalytics, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type QbrBrand, getBrand, saveBrand } from '../../api/qbr';
import { fieldErrorsFor, toApiError } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { notifyError, notifySuccess } from '../../shell/notify';
import { readableTextOn } from '../../shell/contrast';
import { useQbrT } from './i18n';

/** MAX_LOGO_BYTES is the largest logo accepted (the server takes data URLs up to 700 000 characters). */
export const MAX_LOGO_BYTES = 500 * 1024;

/** checkLogo tells what is wrong with a logo file, or '' when it can be used. */
export function checkLogo(file: { type: string; size: number }): '' | 'wrongType' | 'tooBig' {
  if (!/^image\/(png|jpeg)$/.test(file.type)) return 'wrongType';
  if (file.size > MAX_LOGO_BYTES) return 'tooBig';
  return '';
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

type Field = 'company_name' | 'color' | 'logo_data_url';

/** BrandCard is the settings card for the company name, colour and logo on QBR decks and documents. */
export function BrandCard() {
  const { ta } = useQbrT();
  const loaded = useApi(() => getBrand(), []);
  const [brand, setBrand] = useState<QbrBrand>({ company_name: '', color: '#0c7a76' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (loaded.data) setBrand(loaded.data);
  }, [loaded.data]);

  const pick = async (file: File | null) => {
    if (!file) return;
    const problem = checkLogo(file);
    if (problem) {
      setErrors((e) => ({ ...e, logo_data_url: ta(`brand.${problem}`) }));
      return;
    }
    setErrors((e) => ({ ...e, logo_data_url: undefined }));
    const url = await readDataUrl(file);
    setBrand((b) => ({ ...b, logo_data_url: url }));
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const saved = await saveBrand({ ...brand, company_name: brand.company_name.trim(), logo_data_url: brand.logo_data_url || undefined });
      setBrand(saved);
      notifySuccess(ta('brand.saved'));
    } catch (err) {
      const e = toApiError(err);
      setErrors(fieldErrorsFor(e, ['company_name', 'color', 'logo_data_url'] as const).errors);
      notifyError(ta('brand.saveFailed'), e);
    } finally {
      setSaving(false);
    }
  };

  // The preview's text is black or white, whichever reads better on the chosen colour.
  const previewColor = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(brand.color) ? brand.color : '#0c7a76';
  const previewText = readableTextOn(previewColor);
  return (
    <Card data-testid="qbr-brand-card">
      <Group justify="space-between" mb={4}>
        <Title order={5}>{ta('brand.title')}</Title>
        <Button component={Link} to="/qbr" size="xs" variant="subtle" leftSection={<IconPresentationAnalytics size={14} />}>
          {ta('brand.allQbrs')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {ta('brand.body')}
      </Text>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Stack gap="sm" style={{ flex: 1, minWidth: 260 }}>
          <TextInput
            label={ta('brand.company')}
            value={brand.company_name}
            onChange={(e) => setBrand({ ...brand, company_name: e.currentTarget.value })}
            error={errors.company_name}
            maxLength={200}
            data-testid="qbr-brand-company"
          />
          <ColorInput
            label={ta('brand.color')}
            format="hex"
            value={brand.color}
            onChange={(color) => setBrand({ ...brand, color })}
            error={errors.color}
            swatches={['#0c7a76', '#1f5fa8', '#5f3dc4', '#c2255c', '#e8590c', '#2b8a3e', '#343a40']}
            data-testid="qbr-brand-color"
          />
          <Input.Wrapper label={ta('brand.logo')} description={ta('brand.logoHint')} error={errors.logo_data_url}>
            <Group gap="xs" mt={4}>
              <FileButton onChange={pick} accept="image/png,image/jpeg">
                {(props) => (
                  <Button {...props} variant="default" size="xs" leftSection={<IconPhotoUp size={14} />} data-testid="qbr-brand-upload">
                    {ta('brand.upload')}
                  </Button>
                )}
              </FileButton>
              {brand.logo_data_url && (
                <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => setBrand({ ...brand, logo_data_url: undefined })}>
                  {ta('brand.remove')}
                </Button>
              )}
            </Group>
          </Input.Wrapper>
          <Group>
            <Button onClick={save} loading={saving} data-testid="qbr-brand-save">
              {ta('brand.save')}
            </Button>
          </Group>
        </Stack>
        <Box w={240} aria-label={ta('brand.preview')}>
          <Text size="xs" c="dimmed" mb={4}>
            {ta('brand.preview')}
          </Text>
          <Box p="md" style={{ background: previewColor, borderRadius: 8, aspectRatio: '16 / 9', color: previewText }} data-testid="qbr-brand-preview">
            {brand.logo_data_url && (
              <Box bg="white" p={4} mb={6} style={{ borderRadius: 4, width: 44, height: 44 }}>
                <Image src={brand.logo_data_url} alt={ta('brand.logo')} w={36} h={36} fit="contain" />
              </Box>
            )}
            <Text size="xs" c={previewText}>
              QBR
            </Text>
            <Text fw={700} c={previewText} lineClamp={1}>
              {brand.company_name || 'ChurnDesk'}
            </Text>
          </Box>
        </Box>
      </Group>
    </Card>
  );
}
