-- 0020: the library of 対処要領 shipped with Jhk (R19-1), see
-- jhk-playbooks.h: eight playbooks and their shared steps (共通手順), in
-- Japanese, along the flow of 第19 (対処要領 -> 措置 -> 復旧依頼 -> 報告).
-- Seeded as version 1, builtin, without an author (created_by NULL), at a
-- fixed instant (2026-01-01 00:00 JST); editable like any other. Portable
-- SQL: no explicit ids (rows are found by their codes), so PostgreSQL's
-- sequences stay right. Keep the codes stable: offices exchange playbooks
-- by them.

-- Shared steps ------------------------------------------------------------

INSERT INTO shared_steps (code, text, role, minutes, needs_confirmation, evidence, updated_at) VALUES
  ('report-ops-manager', '運用管理者へ事故の発生を報告する（発生・発見の日時、場所、事象、講じた措置）', 'staff', 5, 0, '', 1767193200000000),
  ('assess-damage', '被害範囲を確認する（影響を受けた端末装置・システム・対象業務・資料と、業務の停止時間）', 'ops_manager', 30, 0, '確認結果の記録', 1767193200000000),
  ('preserve-records', '記録を保全する（ログ、画面表示、送信記録等を消去・上書きせず確保し、保管場所を記録する）', 'info_manager', 20, 1, '写真、ログの写し', 1767193200000000),
  ('judge-recovery-request', '所属での復旧作業が困難かを判断し、困難なときは管理者等（システム管理者又は主管業務管理者）へ復旧作業を依頼する', 'ops_manager', 15, 0, '', 1767193200000000),
  ('prevention', '原因を踏まえて再発防止策を検討し、所属員に周知する', 'ops_manager', 60, 0, '再発防止策の記録', 1767193200000000);

-- Playbooks ---------------------------------------------------------------

INSERT INTO playbooks (code, builtin, retired, created_at, updated_at) VALUES
  ('terminal-failure', 1, 0, 1767193200000000, 1767193200000000),
  ('server-failure', 1, 0, 1767193200000000, 1767193200000000),
  ('network-down', 1, 0, 1767193200000000, 1767193200000000),
  ('output-loss', 1, 0, 1767193200000000, 1767193200000000),
  ('misdelivery', 1, 0, 1767193200000000, 1767193200000000),
  ('unauthorized-access', 1, 0, 1767193200000000, 1767193200000000),
  ('malware', 1, 0, 1767193200000000, 1767193200000000),
  ('power-disaster', 1, 0, 1767193200000000, 1767193200000000);

-- terminal-failure: 端末装置の故障
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, '端末装置の故障',
         'ネットワーク端末装置、プリンタ等の周辺機器',
         '端末装置が起動しない、画面が表示されない、操作を受け付けない、異音・発煙・異臭がある、プリンタ等の周辺機器が動作しない等。',
         0, 0, 0, '複数の端末装置で同時に発生した場合、又は発煙・発火を伴う場合', 0, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'terminal-failure';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, '端末装置の使用を中止し、画面の表示とエラーメッセージを記録する',
         'staff', 5, 0, '写真（画面表示）', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, '発煙・異臭・異音があるときは電源を切り、電源ケーブルを抜く。それ以外は電源を切らずに状態を保つ',
         'staff', 5, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'terminal-failure' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, '端末装置内及び印字中の資料の有無を確認し、個人情報を含む資料を回収して保管する',
         'info_manager', 15, 1, '資料の所在確認の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'terminal-failure' AND v.version = 1 AND s.code = 'assess-damage';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, '予備の端末装置への切替え等、業務を継続する措置を講ずる',
         'ops_manager', 30, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'terminal-failure' AND v.version = 1 AND s.code = 'judge-recovery-request';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, '修理又は交換の後、正常に動作することを確認して業務を再開する',
         'info_manager', 15, 1, '動作確認の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 9, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'terminal-failure' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, '情報管理課 当直', '', '2300'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '保守業者', '保守契約書記載の窓口', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'terminal-failure' AND v.version = 1;

-- server-failure: サーバ等の障害
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, 'サーバ等の障害',
         'サーバ、記憶装置、業務アプリケーション',
         '業務システムにログインできない、処理が異常に遅い又は停止する、エラーが多発する、複数の端末装置で同じ障害が同時に起きる等。',
         1, 120, 0, '', 0, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'server-failure';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, '障害の発生時刻、症状、表示されたエラーを記録する',
         'staff', 10, 0, '写真（エラー表示）', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'server-failure' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, '他の端末装置・他の業務でも同じ障害が起きているかを確認し、所属外にも及んでいるかをシステム管理者に照会する',
         'ops_manager', 15, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'server-failure' AND v.version = 1 AND s.code = 'assess-damage';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'server-failure' AND v.version = 1 AND s.code = 'preserve-records';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'server-failure' AND v.version = 1 AND s.code = 'judge-recovery-request';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, '停止中の業務は手作業等の代替手段で継続し、処理できなかった入力を記録しておく',
         'ops_manager', 30, 0, '未処理分の一覧', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, '復旧の後、データの欠落・重複がないかを確認する',
         'info_manager', 30, 1, '確認結果の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 9, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'server-failure' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, '情報管理課 当直', '', '2300'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '主管業務管理者', '当該業務の主管課', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 4, '保守業者', '保守契約書記載の窓口', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'server-failure' AND v.version = 1;

-- network-down: ネットワーク断
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, 'ネットワーク断',
         'ネットワーク回線、ネットワーク機器（ルータ、スイッチ等）',
         '全部又は一部の端末装置から業務システムに接続できない、通信が途切れる、ネットワーク機器の表示ランプが消灯又は異常点滅している等。',
         0, 120, 0, '許可のない機器の接続等、不正な行為による通信断の疑いがある場合', 0, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'network-down';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, '接続できない端末装置の範囲（一部か全部か）と発生時刻を確認する',
         'staff', 10, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'network-down' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'network-down' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, '所属内のネットワーク機器の電源、ケーブルの接続、表示ランプを確認する（機器の設定は変更しない）',
         'info_manager', 15, 0, '写真（機器の表示ランプ）', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'network-down' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'network-down' AND v.version = 1 AND s.code = 'assess-damage';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'network-down' AND v.version = 1 AND s.code = 'judge-recovery-request';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, '復旧までの間、照会等は電話照会等の代替手段で行い、その記録を残す',
         'ops_manager', 20, 0, '代替手段による処理の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'network-down' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, '復旧の後、各端末装置で接続と業務処理を確認する',
         'info_manager', 20, 1, '確認結果の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'network-down' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'network-down' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'network-down' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, '情報管理課（通信係）', '', '2352'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'network-down' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '回線事業者', '保守契約書記載の窓口', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'network-down' AND v.version = 1;

-- output-loss: 個人情報出力資料の紛失・盗難
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, '個人情報出力資料の紛失・盗難',
         '個人情報を含む出力資料（帳票、照会結果、外部記録媒体）',
         '入出力資料管理票に記載の資料が所定の保管場所にない、持出し中の資料を紛失した、盗難にあった等。',
         0, 0, 1, '', 12, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'output-loss';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, '資料の名称、数量、最後に所在を確認した日時と場所を入出力資料管理票で確認する',
         'info_manager', 15, 0, '入出力資料管理票の写し', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'output-loss' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, '保管場所、執務室及び持出しの経路を捜索し、資料の所在を確認する',
         'info_manager', 60, 1, '捜索結果の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, '盗難の疑いがあるときは、速やかに関係課へ連絡し、必要な措置を講ずる',
         'ops_manager', 30, 0, '連絡の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, '資料に含まれる個人情報の項目と本人の数を特定する',
         'info_manager', 30, 1, '資料の内容の一覧', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'output-loss' AND v.version = 1 AND s.code = 'preserve-records';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, 'システム管理者及び主管業務管理者へ速やかに報告する',
         'ops_manager', 10, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'output-loss' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, '情報管理課（個人情報保護担当）', '', '2345'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '主管業務管理者', '当該業務の主管課', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'output-loss' AND v.version = 1;

-- misdelivery: FAX・電子メールの誤送信
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, 'FAX・電子メールの誤送信',
         'ファクシミリ、電子メール',
         '宛先を誤って送信した、添付した資料を取り違えた、誤送信先から連絡があった等。',
         0, 0, 1, '', 12, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'misdelivery';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, '送信を直ちに中止し、送信記録で宛先、日時、送信した資料を確認する',
         'staff', 10, 0, '送信記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'misdelivery' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, '誤送信先に連絡し、受信した資料の廃棄又は返送と、第三者に渡っていないことの確認を依頼する',
         'ops_manager', 30, 1, '連絡の記録（相手方、日時、回答）', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, '送信した資料に含まれる個人情報の項目と本人の数を特定する',
         'info_manager', 30, 1, '送信した資料の写し', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'misdelivery' AND v.version = 1 AND s.code = 'preserve-records';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, 'システム管理者及び主管業務管理者へ速やかに報告する',
         'ops_manager', 10, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, '本人への通知等の対応の要否を管理者等と協議する',
         'ops_manager', 30, 0, '協議の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'misdelivery' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, '情報管理課（個人情報保護担当）', '', '2345'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '主管業務管理者', '当該業務の主管課', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'misdelivery' AND v.version = 1;

-- unauthorized-access: 不正アクセス・不正照会の疑い
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, '不正アクセス・不正照会の疑い',
         '業務システム、照会端末、利用者ID',
         '身に覚えのないログインの記録がある、業務に関係のない照会が記録されている、利用者IDやパスワードの漏えいの疑いがある、照会点検で不審な記録が指摘された等。',
         0, 0, 1, '照会した情報を外部に提供した疑いがある場合', 12, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'unauthorized-access';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'unauthorized-access' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, '該当する利用者IDと端末装置の使用状況を確認する（本人からの聴取は運用管理者の指示による）',
         'ops_manager', 30, 0, '確認結果の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'unauthorized-access' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'unauthorized-access' AND v.version = 1 AND s.code = 'preserve-records';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, 'システム管理者へ連絡し、該当する利用者IDの利用停止とパスワードの変更を依頼する',
         'ops_manager', 15, 1, '依頼の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'unauthorized-access' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, 'アクセス証跡と照会記録を調査し、照会された情報の範囲を特定する',
         'sysadmin', 120, 1, 'アクセス証跡の写し', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'unauthorized-access' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'unauthorized-access' AND v.version = 1 AND s.code = 'assess-damage';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, '関係部門への連絡の要否を管理者等と協議する',
         'ops_manager', 30, 0, '協議の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'unauthorized-access' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'unauthorized-access' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'unauthorized-access' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, '情報管理課（情報セキュリティ担当）', '', '2346'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'unauthorized-access' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '警務部監察課', '', '2620'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'unauthorized-access' AND v.version = 1;

-- malware: マルウェア感染の疑い
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, 'マルウェア感染の疑い',
         '端末装置、サーバ、外部記録媒体',
         'ウイルス対策ソフトウェアが警告を表示した、見覚えのない画面やファイルが現れた、動作が著しく遅くなった、外部記録媒体の接続後に異常が起きた等。',
         1, 120, 1, '', 0, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'malware';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, '端末装置をネットワークから切り離す（LANケーブルを抜く。電源は切らない）',
         'staff', 5, 1, '写真（隔離した端末装置）', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'malware' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, '警告画面と症状を記録し、直前の操作と接続した外部記録媒体を確認する',
         'staff', 15, 0, '写真（警告画面）', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, '接続した外部記録媒体を回収し、他の端末装置で使用しない',
         'info_manager', 10, 1, '外部記録媒体の管理番号', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'malware' AND v.version = 1 AND s.code = 'preserve-records';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, 'システム管理者へ直ちに連絡し、調査と駆除の指示を受ける（所属で駆除を試みない）',
         'ops_manager', 10, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'malware' AND v.version = 1 AND s.code = 'assess-damage';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, 'システム管理者の確認を受けた後、端末装置をネットワークに接続して業務を再開する',
         'info_manager', 15, 1, '確認結果の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 9, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'malware' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, '情報管理課（情報セキュリティ担当）', '', '2346'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '保守業者', '保守契約書記載の窓口', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'malware' AND v.version = 1;

-- power-disaster: 停電・災害
INSERT INTO playbook_versions (playbook_id, version, title, systems, trigger_text, serious_damage,
                               serious_stop_minutes, serious_leak, serious_other, report_hours,
                               change_note, created_by, created_at)
  SELECT id, 1, '停電・災害',
         '庁舎の電源設備、端末装置、サーバ、ネットワーク機器',
         '停電、地震、火災、風水害等により、情報管理システムの機器が停止し若しくは損壊した場合、又はそのおそれがある場合。',
         1, 240, 0, '個人情報を含む資料の保管場所が被災し、資料の所在が確認できない場合', 0, '', NULL, 1767193200000000
    FROM playbooks WHERE code = 'power-disaster';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 1, '職員の安全を確保し、避難の要否を判断する',
         'ops_manager', 10, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 2, '無停電電源装置で稼働中の端末装置は作業中のデータを保存し、正常な手順で終了する',
         'staff', 10, 0, '', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 3, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'power-disaster' AND v.version = 1 AND s.code = 'report-ops-manager';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 4, '機器の被害状況（浸水、転倒、破損）を確認する。通電の前に安全を確認する',
         'info_manager', 30, 1, '写真（被害状況）', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 5, '個人情報を含む資料と外部記録媒体の所在を確認する',
         'info_manager', 30, 1, '資料の所在確認の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 6, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'power-disaster' AND v.version = 1 AND s.code = 'assess-damage';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 7, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'power-disaster' AND v.version = 1 AND s.code = 'judge-recovery-request';
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 8, '復電の後、機器を順に起動し、各業務システムの動作を確認する',
         'info_manager', 30, 1, '動作確認の記録', NULL
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_steps (version_id, position, text, role, minutes, needs_confirmation, evidence, shared_step_id)
  SELECT v.id, 9, s.text, s.role, s.minutes, s.needs_confirmation, s.evidence, s.id
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id, shared_steps s
   WHERE p.code = 'power-disaster' AND v.version = 1 AND s.code = 'prevention';
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 1, '庁舎管理（会計課）', '', '2150'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 2, 'システム管理者（情報管理課システム係）', '', '2341'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 3, '情報管理課 当直', '', '2300'
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;
INSERT INTO playbook_contacts (version_id, position, role, name, extension)
  SELECT v.id, 4, '電気設備保守業者', '保守契約書記載の窓口', ''
    FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id
   WHERE p.code = 'power-disaster' AND v.version = 1;

UPDATE playbooks SET current_version_id = (SELECT v.id FROM playbook_versions v
                                            WHERE v.playbook_id = playbooks.id AND v.version = 1)
 WHERE current_version_id IS NULL;
