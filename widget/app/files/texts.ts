// Why a file was refused, per UI language: loaded with the paperclip, not with the chat (every byte of the chat's first
// download counts). Other errors are the dictionaries' (`errorText`).
import type { ClientErrorCode } from "../../client/types.js";

type FileError = "file_too_large" | "unsupported_type" | "quota_exceeded";

const TEXTS: Record<string, Record<FileError, string>> = {
  en: {
    file_too_large: "This file is too large.",
    unsupported_type: "Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.",
    quota_exceeded: "This chat cannot take more files.",
  },
  de: {
    file_too_large: "Diese Datei ist zu groß.",
    unsupported_type: "Nur Bilder (PNG, JPEG, GIF, WebP) und PDF-Dateien können gesendet werden.",
    quota_exceeded: "In diesem Chat können keine weiteren Dateien gesendet werden.",
  },
  ar: {
    file_too_large: "هذا الملف كبير جدًا.",
    unsupported_type: "يمكن إرسال الصور (PNG وJPEG وGIF وWebP) وملفات PDF فقط.",
    quota_exceeded: "لا تقبل هذه المحادثة مزيدًا من الملفات.",
  },
  es: {
    file_too_large: "Este archivo es demasiado grande.",
    unsupported_type: "Solo se pueden enviar imágenes (PNG, JPEG, GIF, WebP) y archivos PDF.",
    quota_exceeded: "Este chat no admite más archivos.",
  },
  fr: {
    file_too_large: "Ce fichier est trop volumineux.",
    unsupported_type: "Seules les images (PNG, JPEG, GIF, WebP) et les fichiers PDF peuvent être envoyés.",
    quota_exceeded: "Cette conversation n’accepte plus de fichiers.",
  },
  ja: {
    file_too_large: "このファイルは大きすぎます。",
    unsupported_type: "送信できるのは画像（PNG、JPEG、GIF、WebP）と PDF ファイルのみです。",
    quota_exceeded: "このチャットにはこれ以上ファイルを送信できません。",
  },
  ko: {
    file_too_large: "파일이 너무 큽니다.",
    unsupported_type: "이미지(PNG, JPEG, GIF, WebP)와 PDF 파일만 보낼 수 있습니다.",
    quota_exceeded: "이 채팅에는 더 이상 파일을 보낼 수 없습니다.",
  },
  pt: {
    file_too_large: "Este arquivo é grande demais.",
    unsupported_type: "Só é possível enviar imagens (PNG, JPEG, GIF, WebP) e arquivos PDF.",
    quota_exceeded: "Este chat não aceita mais arquivos.",
  },
  ru: {
    file_too_large: "Файл слишком большой.",
    unsupported_type: "Можно отправлять только изображения (PNG, JPEG, GIF, WebP) и PDF-файлы.",
    quota_exceeded: "В этот чат больше нельзя отправлять файлы.",
  },
  tr: {
    file_too_large: "Bu dosya çok büyük.",
    unsupported_type: "Yalnızca resimler (PNG, JPEG, GIF, WebP) ve PDF dosyaları gönderilebilir.",
    quota_exceeded: "Bu sohbete daha fazla dosya gönderilemez.",
  },
  vi: {
    file_too_large: "Tệp này quá lớn.",
    unsupported_type: "Chỉ có thể gửi ảnh (PNG, JPEG, GIF, WebP) và tệp PDF.",
    quota_exceeded: "Cuộc trò chuyện này không nhận thêm tệp.",
  },
  zh: {
    file_too_large: "此文件太大。",
    unsupported_type: "只能发送图片（PNG、JPEG、GIF、WebP）和 PDF 文件。",
    quota_exceeded: "此对话无法再接收更多文件。",
  },
};

/** The refusal of an upload in `language`, or null for an error the dictionaries say. */
export function fileErrorText(language: string, code: ClientErrorCode): string | null {
  const texts = TEXTS[language] ?? TEXTS.en!;
  return code in texts ? texts[code as FileError] : null;
}
