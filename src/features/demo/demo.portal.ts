/**
 * The demo portal: the seed's menu ("Văn bản chỉ đạo › Văn bản chỉ đạo của Trung ương, Thành
 * phố", "Hoạt động của chủ đề năm 2021", "Kho tư liệu chủ đề năm 2021"), directive documents of
 * the Centre and the City, the seed article as it was published, and a few more articles.
 * Documents and articles other than the seed's are invented where the seed gives no detail.
 */
import { textToHtml } from '../../lib/html.js';
import { DEMO_CAMPAIGN } from './demo.campaign.js';
import { SEED_ARTICLE } from './demo.seed-article.js';

/** The issuers above the district, for the menu entry "Văn bản chỉ đạo của Trung ương, Thành phố". */
const CENTRE_AND_CITY = ['Ban Chấp hành Trung ương', 'Bộ Chính trị', 'Thành ủy Hà Nội', 'Ban Dân vận Thành ủy Hà Nội', 'UBND thành phố Hà Nội'];
const DISTRICT = ['Quận ủy Long Biên', 'Ban Dân vận Quận ủy Long Biên', 'UBND quận Long Biên'];
const issuerLink = (issuers: string[]) => `/van-ban?${issuers.map((i) => `co_quan=${encodeURIComponent(i)}`).join('&')}`;

export const SEED_ARTICLE_SLUG = 'ket-qua-9-thang-thuc-hien-chu-de-nam-dan-van-kheo-trong-tam-cong-tac-gpmb-cua-quan';
const ACTIVITIES_CATEGORY = 'hoat-dong-cua-chu-de-nam-2021';

/** Documents of the Centre and the City (dated before the theme year, so the report's count is unchanged). */
export const demoUpperDocuments = () => [
  {
    number: '25-NQ/TW',
    kind: 'NQ',
    issuer: 'Ban Chấp hành Trung ương',
    date: '2013-06-03',
    title: 'Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới',
    field: 'Dân vận',
  },
  {
    number: '114-KL/TW',
    kind: 'KL',
    issuer: 'Bộ Chính trị',
    date: '2015-07-14',
    title: 'Về nâng cao chất lượng, hiệu quả công tác dân vận của Đảng, Nhà nước, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội',
    field: 'Dân vận',
  },
  {
    number: '09-HD/BDVTU',
    kind: 'HD',
    issuer: 'Ban Dân vận Thành ủy Hà Nội',
    date: '2020-12-10',
    title: 'Thực hiện phong trào thi đua "Dân vận khéo" trên địa bàn thành phố năm 2021',
    field: 'Dân vận',
    signer: 'Trưởng Ban Dân vận Thành ủy',
  },
  {
    number: '285/KH-UBND',
    kind: 'KH',
    issuer: 'UBND thành phố Hà Nội',
    date: '2020-12-18',
    title: 'Công tác bồi thường, hỗ trợ, tái định cư và giải phóng mặt bằng các dự án trọng điểm năm 2021',
    field: 'Giải phóng mặt bằng',
  },
];

export const demoCategories = () => [
  { slug: 'van-ban-chi-dao', name: 'Văn bản chỉ đạo', position: 1, link: '/van-ban' },
  { slug: 'van-ban-chi-dao-cua-trung-uong-thanh-pho', name: 'Văn bản chỉ đạo của Trung ương, Thành phố', parent: 'van-ban-chi-dao', position: 1, link: issuerLink(CENTRE_AND_CITY) },
  { slug: 'van-ban-chi-dao-cua-quan', name: 'Văn bản chỉ đạo của Quận', parent: 'van-ban-chi-dao', position: 2, link: issuerLink(DISTRICT) },
  { slug: 'chu-de-nam-2021', name: 'Chủ đề năm 2021', position: 2, campaign: DEMO_CAMPAIGN, description: 'Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng' },
  { slug: ACTIVITIES_CATEGORY, name: 'Hoạt động của chủ đề năm 2021', parent: 'chu-de-nam-2021', position: 1, campaign: DEMO_CAMPAIGN },
  { slug: 'kho-tu-lieu-chu-de-nam-2021', name: 'Kho tư liệu chủ đề năm 2021', parent: 'chu-de-nam-2021', position: 2, link: `/kho-tu-lieu/${DEMO_CAMPAIGN}` },
  { slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện', position: 3 },
  { slug: 'cong-tac-dan-van', name: 'Công tác dân vận', parent: 'tin-tuc-su-kien', position: 1 },
  { slug: 'giai-phong-mat-bang', name: 'Giải phóng mặt bằng', parent: 'tin-tuc-su-kien', position: 2 },
];

const p = (...paras: string[]) => paras.map((x) => `<p>${x}</p>`).join('\n');

export const demoArticles = () => [
  {
    slug: 'quan-uy-long-bien-trien-khai-chu-de-nam-2021',
    category: ACTIVITIES_CATEGORY,
    title: 'Quận ủy Long Biên triển khai chủ đề "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng"',
    summary: 'Hội nghị quán triệt Kế hoạch số 18-KH/QU và phát động phong trào thi đua "Dân vận khéo" năm 2021 trên địa bàn quận.',
    body: p(
      'Sáng 08/01/2021, Quận ủy Long Biên tổ chức hội nghị quán triệt Kế hoạch số 18-KH/QU ngày 30/12/2020 về thực hiện chủ đề "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng" trên địa bàn quận năm 2021.',
      'Hội nghị đề nghị các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể đăng ký mô hình "Dân vận khéo" gắn với nhiệm vụ chính trị của đơn vị, tập trung vào công tác giải phóng mặt bằng các dự án trọng điểm.',
    ),
    byline: 'Ban Dân vận Quận ủy',
    publishedAt: '2021-01-08T15:20:00+07:00',
    views: 864,
  },
  {
    slug: 'doi-thoai-voi-ho-dan-trong-dien-giai-phong-mat-bang',
    category: 'giai-phong-mat-bang',
    campaign: DEMO_CAMPAIGN,
    title: 'Đối thoại với các hộ dân trong diện giải phóng mặt bằng dự án trọng điểm',
    summary: 'UBND quận tổ chức đối thoại, lắng nghe và giải đáp kiến nghị của các hộ dân, tổ chức trong diện giải phóng mặt bằng.',
    body: p(
      'Thực hiện Kế hoạch số 1520/KH-UBND, UBND quận Long Biên đã tổ chức các buổi đối thoại với hộ gia đình, cá nhân, tổ chức trong diện giải phóng mặt bằng các dự án trọng điểm.',
      'Các kiến nghị về giá bồi thường, hỗ trợ và tái định cư được ghi nhận, giải đáp trực tiếp; những nội dung vượt thẩm quyền được tổng hợp báo cáo cấp trên xem xét.',
    ),
    byline: 'UBND quận Long Biên',
    publishedAt: '2021-03-22T10:05:00+07:00',
    views: 512,
  },
  {
    slug: 'giao-ban-6-thang-dau-nam-chu-de-nam-2021',
    category: ACTIVITIES_CATEGORY,
    title: 'Hội nghị giao ban 6 tháng đầu năm thực hiện chủ đề năm 2021',
    summary: 'Thường trực Quận ủy đánh giá kết quả 6 tháng, chỉ đạo tháo gỡ khó khăn, vướng mắc trong công tác giải phóng mặt bằng.',
    body: p(
      'Ngày 09/07/2021, Thường trực Quận ủy chủ trì Hội nghị giao ban 6 tháng đầu năm thực hiện chủ đề năm 2021, do đồng chí Phó Bí thư Thường trực – Trưởng Khối vận Quận chủ trì.',
      'Hội nghị thống nhất tiếp tục phát huy vai trò của các tổ dân vận và người có uy tín trong cộng đồng để vận động Nhân dân bàn giao mặt bằng đúng tiến độ.',
    ),
    byline: 'Ban Dân vận Quận ủy',
    publishedAt: '2021-07-10T08:30:00+07:00',
    views: 431,
  },
  {
    slug: 'khen-thuong-31-mo-hinh-dan-van-kheo-tieu-bieu',
    category: 'cong-tac-dan-van',
    campaign: DEMO_CAMPAIGN,
    title: 'Khen thưởng 31 mô hình "Dân vận khéo" tiêu biểu sau sơ kết 6 tháng',
    summary: 'UBND quận tặng Giấy khen cho 31 mô hình "Dân vận khéo" tiêu biểu trên các lĩnh vực.',
    body: p(
      'Trên cơ sở kết quả thẩm định sơ kết 6 tháng, UBND quận Long Biên ban hành Quyết định số 3179/QĐ-UBND ngày 28/07/2021 khen thưởng 31 mô hình "Dân vận khéo" tiêu biểu.',
      'Các mô hình được khen thưởng thuộc các lĩnh vực văn hóa - xã hội, bảo vệ môi trường, giải phóng mặt bằng, kinh tế và trật tự đô thị.',
    ),
    byline: 'Ban Dân vận Quận ủy',
    publishedAt: '2021-08-02T16:45:00+07:00',
    views: 689,
  },
  {
    slug: SEED_ARTICLE_SLUG,
    category: ACTIVITIES_CATEGORY,
    title: SEED_ARTICLE.title,
    summary: 'Kết quả 9 tháng đầu năm 2021 thực hiện chủ đề "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng" trên địa bàn quận Long Biên.',
    body: textToHtml(SEED_ARTICLE.paragraphs.join('\n')),
    publishedAt: SEED_ARTICLE.publishedAt,
    views: SEED_ARTICLE.views,
    featured: true,
    related: ['giao-ban-6-thang-dau-nam-chu-de-nam-2021', 'khen-thuong-31-mo-hinh-dan-van-kheo-tieu-bieu', 'quan-uy-long-bien-trien-khai-chu-de-nam-2021'],
  },
];
